import { type FastifyReply, type FastifyRequest, LogController } from 'fastify'

/**
 * One log line per HTTP request instead of Fastify's two ("incoming request" and "request
 * completed"): written when the answer is sent, so it can say everything at once: method, path
 * and client address (`req`), status (`res`), duration in ms (`responseTime`) and `reqId` (O3).
 * A request that never completes is still visible: Fastify logs the error that ended it.
 */
export class OneLinePerRequest extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    if (this.isLogDisabled(request)) return
    const line = { req: request, res: reply, responseTime: reply.elapsedTime }
    if (error) reply.log.error({ ...line, err: error }, 'request errored')
    else reply.log.info(line, 'request completed')
  }
}
