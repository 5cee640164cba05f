import { ApiProperty } from '@nestjs/swagger';
import { IsDefined, IsString, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../common/pagination/page-query.dto';
import { ISO_TIMESTAMP_PATTERN } from '../../common/time/iso-timestamp';
import { IsIsoTimestamp } from '../../common/validation/iso-timestamp.validator';

export class BeforeQueryDto extends PageQueryDto {
  @ApiProperty({
    description:
      'ISO 8601 instant; only messages created strictly before it are listed. Without a zone it is UTC. ' +
      'Examples: 2024-03-01T12:00:00Z, 2024-03-01T14:00:00+02:00, 2024-03-01.',
    pattern: ISO_TIMESTAMP_PATTERN,
    example: '2024-03-01T12:00:00Z',
  })
  @IsDefined()
  @IsString()
  @MaxLength(64)
  @IsIsoTimestamp()
  readonly before_timestamp!: string;
}
