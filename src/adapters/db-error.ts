/** A db.json that cannot be used: start-up stops with this message. The file is never overwritten. */
export class DbError extends Error {
  override readonly name = 'DbError'
}
