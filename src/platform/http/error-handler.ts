// Turns every failure into JSON `{ error: { code, message, messageEn, fields } }`: AppErrors as they
// are, schema validation failures with the field at fault, anything else as a logged 500.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type FieldError } from '../errors';

interface AjvIssue {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

// '/members/1/idNumber' → 'members[1].idNumber'
export function fieldPath(instancePath: string, missing?: unknown): string {
  const parts = instancePath.split('/').filter(Boolean);
  if (typeof missing === 'string') parts.push(missing);
  return parts.reduce((acc, p) => (/^\d+$/.test(p) ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p), '');
}

function describe(issue: AjvIssue): { zh: string; en: string } {
  const p = issue.params;
  switch (issue.keyword) {
    case 'required': return { zh: '必填', en: 'is required' };
    case 'maxLength': return { zh: `不能超过 ${p.limit} 个字符`, en: `must have at most ${p.limit} characters` };
    case 'minLength': return { zh: `至少 ${p.limit} 个字符`, en: `must have at least ${p.limit} characters` };
    case 'pattern': case 'format': return { zh: '格式不正确', en: 'has an invalid format' };
    case 'enum': case 'const': case 'anyOf': return { zh: '取值无效', en: 'has an invalid value' };
    case 'type': return { zh: `类型应为 ${p.type}`, en: `must be ${p.type}` };
    case 'minimum': return { zh: `不能小于 ${p.limit}`, en: `must be ≥ ${p.limit}` };
    case 'maximum': return { zh: `不能大于 ${p.limit}`, en: `must be ≤ ${p.limit}` };
    case 'additionalProperties': return { zh: `不允许的字段 ${p.additionalProperty}`, en: `unknown field ${p.additionalProperty}` };
    case 'minItems': return { zh: `至少 ${p.limit} 项`, en: `needs at least ${p.limit} items` };
    case 'maxItems': return { zh: `最多 ${p.limit} 项`, en: `allows at most ${p.limit} items` };
    default: return { zh: issue.message ?? '无效', en: issue.message ?? 'invalid' };
  }
}

export function errorHandler(error: FastifyError | AppError | Error, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof AppError) {
    return reply.status(error.status).send({
      error: { code: error.code, message: error.messageZh, messageEn: error.messageEn, fields: error.fields },
    });
  }
  const fe = error as FastifyError & { validation?: AjvIssue[]; validationContext?: string };
  if (fe.validation) {
    const fields: FieldError[] = fe.validation.map((issue) => {
      const field = fieldPath(issue.instancePath, issue.params?.missingProperty ?? issue.params?.additionalProperty);
      const d = describe(issue);
      return { field: field || fe.validationContext || 'body', code: `SCHEMA_${issue.keyword.toUpperCase()}`, message: `${field || '请求'}${d.zh}`, messageEn: `${field || 'request'} ${d.en}` };
    });
    return reply.status(400).send({
      error: { code: 'VALIDATION', message: fields[0]?.message ?? '请求无效', messageEn: fields[0]?.messageEn ?? 'Invalid request', fields },
    });
  }
  if (fe.statusCode && fe.statusCode < 500) {
    return reply.status(fe.statusCode).send({ error: { code: fe.code ?? 'BAD_REQUEST', message: '请求无效', messageEn: fe.message, fields: [] } });
  }
  request.log.error({ err: error }, 'unhandled error');
  return reply.status(500).send({ error: { code: 'INTERNAL', message: '服务器内部错误', messageEn: 'Internal server error', fields: [] } });
}
