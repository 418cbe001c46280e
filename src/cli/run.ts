/**
 * Runs a command-line tool: exit 0 when it is done, else its error on stderr and exit 1. A reader that
 * stops early (`| head`) is not an error.
 */
export function runCli(main: () => Promise<void>, failure: (e: Error) => string = e => e.message): void {
  process.stdout.on('error', e => {
    if ((e as NodeJS.ErrnoException).code === 'EPIPE') process.exit(0)
    throw e
  })
  main().then(
    () => process.exit(0),
    e => {
      process.stderr.write(`${failure(e as Error)}\n`)
      process.exit(1)
    },
  )
}
