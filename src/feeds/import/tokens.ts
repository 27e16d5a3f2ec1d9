// Department API tokens: shown once when made, stored only as a hash, each listing the feeds it may push.
import { createHash, randomBytes } from 'node:crypto';
import { prepared, type Database } from '../../platform/db';
import { appendAudit, type Actor } from '../../platform/audit';
import { AppError } from '../../platform/errors';
import { findFeed } from '../catalogue';

export interface FeedToken {
  id: number;
  department: string;
  feeds: string[];
}

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

export async function addFeedToken(db: Database, actor: Actor, department: string, feeds: string[], label?: string): Promise<{ id: number; token: string }> {
  const unknown = feeds.filter((f) => !findFeed(f));
  if (!department.trim()) throw new AppError(400, 'DEPARTMENT_REQUIRED', '须填写部门名称', 'A department name is required');
  if (feeds.length === 0 || unknown.length) {
    throw new AppError(400, 'FEED_UNKNOWN', `未知的数据接口：${unknown.join(', ') || '（空）'}`, `Unknown feeds: ${unknown.join(', ') || '(none)'}`);
  }
  const token = `snf_${randomBytes(32).toString('base64url')}`;
  const id = await db.transaction(async (tx) => {
    const r = await tx.query<{ id: number }>('insert into feed_tokens (department, feeds, token_hash, label, created_by_user_id) values ($1, $2, $3, $4, $5) returning id',
      [department.trim(), feeds, hashOf(token), label ?? null, actor.userId]);
    await appendAudit(tx, actor, { action: 'feed.token.create', entity: 'feed_token', entityId: r.rows[0].id, after: { department, feeds } });
    return r.rows[0].id;
  });
  return { id, token };
}

const TOKEN_BY_HASH = prepared('select id, department, feeds from feed_tokens where token_hash = $1 and revoked_at is null');

/** The token behind an Authorization header, or a 401. */
export async function tokenFromHeader(db: Database, authorization: string | undefined): Promise<FeedToken> {
  const token = authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (!token) throw new AppError(401, 'TOKEN_REQUIRED', '缺少部门接口令牌', 'A department API token is required (Authorization: Bearer …)');
  const r = await db.query<FeedToken>(TOKEN_BY_HASH, [hashOf(token)]);
  if (!r.rows[0]) throw new AppError(401, 'TOKEN_INVALID', '接口令牌无效或已吊销', 'The API token is invalid or revoked');
  return r.rows[0];
}
