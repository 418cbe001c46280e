import { createAdaptorServer } from '@hono/node-server'
import type { AddressInfo } from 'node:net'
import type { Logger } from '../ports.js'
import type { Console } from './server.js'

export interface Listening {
  url: string
  port: number
  close(): Promise<void>
}

/** The HTTP listener (the console's only contact with node:http): resolves once it listens, or fails (port taken). */
export function listen(console: Console, host: string, port: number, log: Logger): Promise<Listening> {
  const server = createAdaptorServer({ fetch: console.fetch, hostname: host, port })
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      server.on('error', e => log.error(`console server: ${(e as Error).message}`))
      const a = server.address() as AddressInfo
      const shown = a.family === 'IPv6' ? `[${a.address}]` : a.address
      resolve({
        url: `http://${shown}:${a.port}`,
        port: a.port,
        close: () =>
          new Promise(done => {
            ;(server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.()
            server.close(() => done())
          }),
      })
    })
  })
}
