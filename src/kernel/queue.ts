/** One serial queue: everything that changes state runs in it, one thing at a time, in order. */
export function serialQueue() {
  let chain: Promise<unknown> = Promise.resolve()
  return <R>(fn: () => Promise<R>): Promise<R> => {
    const next = chain.then(fn, fn)
    chain = next.catch(() => undefined)
    return next
  }
}
