import type { FastifyReply } from 'fastify';

/** An RFC 9457 problem details body: what went wrong, for which request, and what to do. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
}

export function sendProblem(reply: FastifyReply, problem: Omit<ProblemDetails, 'type'> & { type?: string }): FastifyReply {
  return reply
    .code(problem.status)
    .header('content-type', 'application/problem+json; charset=utf-8')
    .send({ type: problem.type ?? 'about:blank', ...problem });
}
