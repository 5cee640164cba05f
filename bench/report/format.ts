/** Milliseconds with two decimals below 10 ms, one below 100 ms, none above. */
export function ms(value: number): string {
  if (value < 10) return value.toFixed(2);
  if (value < 100) return value.toFixed(1);
  return value.toFixed(0);
}

export function count(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}
