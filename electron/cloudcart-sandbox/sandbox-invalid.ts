/** A refusal the sandbox answers as a JSON:API error object (status, detail, source). */
export class Invalid extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly pointer: string | null = null,
    readonly parameter: string | null = null,
  ) {
    super(detail);
  }
}
