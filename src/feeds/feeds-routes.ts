// HTTP routes of the feeds room: the published catalogue, file uploads (multipart), import history and
// error reports, the data-quality view, and the departments' API push with bearer tokens.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import multipart from '@fastify/multipart';
import { Type, type Static } from 'typebox';
import type { AppContext } from '../platform/app-context';
import { requirePermission } from '../platform/http/request-context';
import { AppError, forbidden, notFound } from '../platform/errors';
import { FEEDS, findFeed } from './catalogue';
import { VALUE_TYPES } from './values';
import { importFile } from './import/import-file';
import { feedQuality } from './import/data-quality';
import { errorReportXlsx } from './import/errors-xlsx';
import { pushRecords } from './import/push';
import { tokenFromHeader, addFeedToken } from './import/tokens';
import { departmentMayImport } from './import/feed-departments';

const tags = ['feeds'];
const IdParam = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const FeedParam = Type.Object({ feed: Type.String({ maxLength: 60 }) });
const PushBody = Type.Object({
  batchId: Type.String({ minLength: 1, maxLength: 100 }),
  records: Type.Array(Type.Object({}, { additionalProperties: true }), { maxItems: 10_000 }),
}, { additionalProperties: false });
const ImportsQuery = Type.Object({
  feed: Type.Optional(Type.String({ maxLength: 60 })),
  page: Type.Optional(Type.Integer({ minimum: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
}, { additionalProperties: false });
const TokenBody = Type.Object({
  department: Type.String({ minLength: 1, maxLength: 60 }),
  feeds: Type.Array(Type.String(), { minItems: 1 }),
  label: Type.Optional(Type.String({ maxLength: 100 })),
}, { additionalProperties: false });

function importRow(r: Record<string, any>) {
  return {
    id: r.id, feed: r.feed, source: r.source, status: r.status, fileName: r.file_name, fileSize: r.file_size, sha256: r.sha256,
    encoding: r.encoding, sheet: r.sheet, batchId: r.batch_id, department: r.department, actor: r.actor ?? null,
    read: r.rows_read, accepted: r.rows_accepted, rejected: r.rows_rejected, duplicates: r.rows_duplicate,
    matched: r.rows_matched, unmatched: r.rows_unmatched, ignoredColumns: r.ignored_columns ?? [],
    rejectReason: r.reject_reason ? { zh: r.reject_reason, en: r.reject_reason_en } : null,
    startedAt: new Date(r.started_at).toISOString(), finishedAt: r.finished_at ? new Date(r.finished_at).toISOString() : null, durationMs: r.duration_ms,
  };
}

export async function feedsRoutes(app: FastifyInstance, ctx: AppContext) {
  await app.register(multipart, { limits: { fileSize: 2 * 1024 ** 3, files: 1, fields: 10 } });

  app.get('/feeds', { schema: { tags } }, async (request) => {
    requirePermission(request, 'feeds.read');
    return FEEDS.map((f) => ({
      code: f.code, department: f.department, name: f.name, nameEn: f.nameEn, naturalKey: f.naturalKey,
      columns: f.columns.map((c) => ({
        key: c.key, header: c.header, aliases: c.aliases ?? [], type: c.type, required: c.required,
        values: c.values ? Object.keys(c.values) : undefined, note: c.note,
        describe: VALUE_TYPES[c.type as keyof typeof VALUE_TYPES]?.describe,
      })),
    }));
  });

  app.get('/feeds/quality', { schema: { tags } }, async (request) => {
    requirePermission(request, 'feeds.read');
    return feedQuality(ctx.db, ctx.now());
  });

  app.post('/imports', { schema: { tags, consumes: ['multipart/form-data'] } }, async (request, reply) => {
    const caller = requirePermission(request, 'feeds.import');
    const fields: Record<string, string> = {};
    let saved: { path: string; name: string } | null = null;
    const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sn-upload-'));
    try {
      for await (const part of request.parts()) {
        if (part.type === 'file') {
          const target = path.join(tmpDir, randomBytes(8).toString('hex'));
          await pipeline(part.file, fs.createWriteStream(target));
          if (part.file.truncated) throw new AppError(413, 'FILE_TOO_LARGE', '文件超过 2 GB 上限', 'The file is larger than the 2 GB limit');
          saved = { path: target, name: part.filename };
        } else {
          fields[part.fieldname] = String(part.value);
        }
      }
      if (!saved) throw new AppError(400, 'FILE_REQUIRED', '请选择要导入的文件', 'Choose a file to import', [{ field: 'file', code: 'REQUIRED', message: '请选择要导入的文件', messageEn: 'A file is required' }]);
      const feed = fields.feed ?? '';
      if (caller.user.role === 'department' && findFeed(feed) && !departmentMayImport(caller.user.department, feed)) throw forbidden();
      const maxRejected = fields.maxRejected ? Number(fields.maxRejected) / 100 : undefined;
      if (maxRejected !== undefined && !(maxRejected >= 0 && maxRejected <= 1)) {
        throw new AppError(400, 'VALIDATION', '拒绝比例上限应为 0–100', 'maxRejected must be 0–100', [{ field: 'maxRejected', code: 'RANGE', message: '拒绝比例上限应为 0–100', messageEn: 'maxRejected must be 0–100' }]);
      }
      const report = await importFile(ctx.db, ctx.config.fileStoreDir, {
        feed, path: saved.path, fileName: saved.name, encoding: fields.encoding || undefined, sheet: fields.sheet || undefined,
        maxRejectedShare: maxRejected, actor: caller.actor, department: caller.user.department,
      });
      return reply.status(report.status === 'completed' ? 201 : 422).send(report);
    } finally {
      fs.rmSync(tmpDir, { recursive: true, force: true });
    }
  });

  app.get('/imports', { schema: { tags, querystring: ImportsQuery } }, async (request) => {
    const caller = requirePermission(request, 'feeds.read');
    const q = request.query as Static<typeof ImportsQuery>;
    const params: unknown[] = [];
    const where: string[] = [];
    if (q.feed) {
      params.push(q.feed);
      where.push(`i.feed = $${params.length}`);
    }
    // A department sees its own runs; civil-affairs staff see every department's.
    if (caller.user.role === 'department') {
      params.push(caller.user.department);
      where.push(`i.department = $${params.length}`);
    }
    const pageSize = q.pageSize ?? 20;
    const offset = ((q.page ?? 1) - 1) * pageSize;
    const whereSql = where.length ? `where ${where.join(' and ')}` : '';
    const rows = await ctx.db.query<Record<string, any>>(
      `select i.*, u.username as actor from feed_imports i left join users u on u.id = i.actor_user_id ${whereSql} order by i.id desc limit ${pageSize} offset ${offset}`, params);
    const total = await ctx.db.query<{ n: number }>(`select count(*)::int as n from feed_imports i ${whereSql}`, params);
    return { items: rows.rows.map(importRow), total: total.rows[0].n };
  });

  async function readImport(id: number, caller: ReturnType<typeof requirePermission>) {
    const r = await ctx.db.query<Record<string, any>>('select i.*, u.username as actor from feed_imports i left join users u on u.id = i.actor_user_id where i.id = $1', [id]);
    const run = r.rows[0];
    if (!run || (caller.user.role === 'department' && run.department !== caller.user.department)) throw notFound('导入记录', 'Import');
    return run;
  }

  app.get('/imports/:id', { schema: { tags, params: IdParam } }, async (request) => {
    const caller = requirePermission(request, 'feeds.read');
    const run = await readImport((request.params as Static<typeof IdParam>).id, caller);
    const errors = await ctx.db.query<Record<string, any>>('select source_row, column_name, value, reason from feed_import_errors where import_id = $1 order by source_row, id limit 1000', [run.id]);
    return { ...importRow(run), errors: errors.rows.map((e) => ({ row: e.source_row, column: e.column_name, value: e.value, reason: e.reason })) };
  });

  app.get('/imports/:id/errors.xlsx', { schema: { tags, params: IdParam } }, async (request, reply) => {
    const caller = requirePermission(request, 'feeds.read');
    const run = await readImport((request.params as Static<typeof IdParam>).id, caller);
    const body = await errorReportXlsx(ctx.db, run.id);
    return reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="import-${run.id}-errors.xlsx"; filename*=UTF-8''${encodeURIComponent(`导入${run.id}错误报告.xlsx`)}`)
      .send(body);
  });

  app.post('/feed-tokens', { schema: { tags, body: TokenBody } }, async (request, reply) => {
    const caller = requirePermission(request, 'feeds.tokens');
    const body = request.body as Static<typeof TokenBody>;
    const made = await addFeedToken(ctx.db, caller.actor, body.department, body.feeds, body.label);
    return reply.status(201).send(made);
  });

  // Departments' systems push here with their bearer token (no session, no CSRF: not a browser).
  app.post('/feeds/:feed/records', { schema: { tags, params: FeedParam, body: PushBody, security: [{ departmentToken: [] }] } }, async (request, reply) => {
    const token = await tokenFromHeader(ctx.db, request.headers.authorization);
    const { batchId, records } = request.body as Static<typeof PushBody>;
    const { answer, repeated } = await pushRecords(ctx.db, token, (request.params as Static<typeof FeedParam>).feed, batchId, records);
    return reply.status(repeated ? 200 : answer.status === 'completed' ? 201 : 422).header('x-repeated-batch', repeated ? 'true' : 'false').send(answer);
  });
}
