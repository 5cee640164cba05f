import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Controller, Get, HttpCode, HttpStatus, Logger, Param, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Request, Response } from 'express';
import { ApiCredentials, CurrentCaller, RateLimited, UserCallerOnly } from '../common/auth/auth.decorators';
import { Caller, userIdOf } from '../common/auth/caller';
import { InvalidRequestError } from '../common/errors/domain-errors';
import { ApiDatabaseUnavailableResponse, ErrorResponseDto } from '../common/http/api-error-responses';
import { toAttachmentDto } from './attachment.mapper';
import { AttachmentsService } from './attachments.service';
import { parseRange } from './byte-range';
import { contentDisposition, servedAs, storedContentType } from './content-types';
import { AttachmentDto } from './dto/attachment.dto';
import { AttachmentIdParamsDto } from './dto/attachment-params.dto';
import { UploadQueryDto } from './dto/upload-query.dto';

const DEFAULT_NAME = 'attachment';

@ApiTags('attachments')
@ApiDatabaseUnavailableResponse()
@ApiCredentials()
@Controller('api/attachments')
export class AttachmentsController {
  private readonly logger = new Logger(AttachmentsController.name);

  constructor(private readonly attachments: AttachmentsService) {}

  @Post()
  @UserCallerOnly()
  @RateLimited('uploads')
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({
    operationId: 'uploadAttachment',
    summary: 'Upload a file, to send with a message',
    description:
      'The request body is the file itself, its Content-Type header the file’s type. Streamed into the ' +
      'database in chunks; the file is stored only once every byte is (an upload cut off stores nothing). ' +
      'Until a message carries it (attachment_ids of a send) only its uploader can read it, and it expires ' +
      'after ATTACHMENT_UNSENT_TTL_SECONDS (a day by default). Images get their width and height.',
  })
  @ApiConsumes('application/octet-stream')
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiCreatedResponse({ type: AttachmentDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'A malformed name or Content-Type.' })
  @ApiResponse({
    status: 413,
    type: ErrorResponseDto,
    description:
      'Larger than ATTACHMENT_MAX_BYTES (25 MiB by default): refused by its Content-Length before any of it is read, else as soon as it passes the limit.',
  })
  async upload(
    @CurrentCaller() caller: Caller,
    @Query() query: UploadQueryDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<AttachmentDto> {
    // An upload refused before its end is not read to its end: the connection closes after the answer.
    response.setHeader('Connection', 'close');
    const contentType = storedContentType(request.headers['content-type']);
    if (contentType === undefined)
      throw new InvalidRequestError('Content-Type must be a media type, such as image/png');
    const declared = request.headers['content-length'];
    const declaredBytes = declared === undefined ? undefined : Number(declared);
    this.attachments.assertAcceptable(declaredBytes);
    // An upload past its time is cut: the sweep counts on no upload writing for longer (see UploadSchedule).
    const timer = setTimeout(() => request.destroy(), this.attachments.uploadTimeoutMs);
    try {
      const attachment = await this.attachments.upload(
        userIdOf(caller),
        // Not destroyed when the upload stops reading: a 413 must still reach the client.
        request.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>,
        { name: query.name ?? DEFAULT_NAME, contentType, declaredBytes },
      );
      response.removeHeader('Connection');
      return toAttachmentDto(attachment);
    } finally {
      clearTimeout(timer);
    }
  }

  @Get(':attachment_id')
  @ApiOperation({
    operationId: 'downloadAttachment',
    summary: 'Download a file',
    description:
      'For its uploader, and for members of a conversation where a message carries it (404 otherwise). ' +
      'Supports a single Range (206, or 416 past the end), ETag and If-None-Match (304). Only passive types ' +
      '(common images, audio, video, plain text) are served inline under their own type; anything else, HTML ' +
      'and SVG included, is served as an application/octet-stream download, with nosniff and a sandboxing ' +
      'Content-Security-Policy, so a file can never run script on this origin.',
  })
  @ApiProduces('*/*')
  @ApiOkResponse({ description: 'The file.', schema: { type: 'string', format: 'binary' } })
  @ApiResponse({ status: 206, description: 'The requested byte range.' })
  @ApiResponse({ status: 304, description: 'Not modified (If-None-Match).' })
  @ApiResponse({ status: 416, type: ErrorResponseDto, description: 'The range starts past the end.' })
  @ApiNotFoundResponse({
    type: ErrorResponseDto,
    description: 'No such attachment, or not readable by the caller.',
  })
  async download(
    @CurrentCaller() caller: Caller,
    @Param() params: AttachmentIdParamsDto,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const attachment = await this.attachments.open(caller, params.attachment_id);
    const etag = `"${attachment.sha256}"`;
    const served = servedAs(attachment.contentType);
    response.set({
      ETag: etag,
      'Accept-Ranges': 'bytes',
      'Cache-Control': 'private, no-cache',
      'Content-Type': served.contentType,
      'Content-Disposition': contentDisposition(served.inline, attachment.name),
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'; sandbox",
    });
    if (request.headers['if-none-match']?.split(',').some((tag) => tag.trim() === etag)) {
      response.status(HttpStatus.NOT_MODIFIED).end();
      return;
    }
    const range = parseRange(request.headers.range, attachment.size);
    if (range.kind === 'unsatisfiable') {
      response
        .status(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE)
        .set({
          'Content-Range': `bytes */${attachment.size}`,
          'Content-Type': 'application/json; charset=utf-8',
        })
        .removeHeader('Content-Disposition');
      response.json({
        statusCode: 416,
        error: 'Range Not Satisfiable',
        message: `the range starts past the end of the file (${attachment.size} bytes)`,
      });
      return;
    }
    const [start, end] = range.kind === 'part' ? [range.start, range.end] : [0, attachment.size - 1];
    response.status(range.kind === 'part' ? HttpStatus.PARTIAL_CONTENT : HttpStatus.OK);
    if (range.kind === 'part') response.set('Content-Range', `bytes ${start}-${end}/${attachment.size}`);
    response.set('Content-Length', String(end - start + 1));
    if (request.method === 'HEAD') {
      response.end();
      return;
    }
    try {
      await pipeline(Readable.from(this.attachments.read(attachment, start, end)), response);
    } catch (error: unknown) {
      // The status is sent: a failure now can only cut the body short, which the client sees by its length.
      if (!response.writableFinished)
        this.logger.warn(`Download of ${attachment.id} cut short: ${String(error)}`);
    }
  }
}
