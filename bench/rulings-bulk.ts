import type postgres from "postgres";

const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";

/**
 * Fills past months of `rulings` with `rows` generated rulings, spread evenly over `months` months before the
 * current one, as fast as PostgreSQL allows on two cores: each month is filled as a plain table without indexes,
 * then attached as a partition, which builds its indexes in one sort (and checks the foreign keys in one join).
 * Half the rulings belong to `default`, the rest to five other communities; decisions 70% allow, 15% hide, 10%
 * review, 5% remove; every ruling that is not an allow has one outcome row (`harassment`). Facts are small (the
 * heap is smaller than real rulings'; the listing walks indexes and reads one page of rows, whatever their size).
 * Moderators have worked the review queue: all but one in 50 of the review rulings are decided.
 */
export async function bulkLoadRulings(sql: postgres.Sql, rows: number, months: number): Promise<void> {
  // The ids' base32 millisecond as one plain expression (a SQL function of it is inlined: no call per row).
  const digits = Array.from(
    { length: 10 },
    (_, k) => `substr('${ALPHABET}', ((t >> ${5 * (9 - k)}) & 31)::int + 1, 1)`,
  );
  await sql.unsafe(`create or replace function pg_temp.code(t bigint) returns text language sql immutable
    as $$ select ${digits.join(" || ")} $$`);
  await sql.unsafe(`insert into communities (id, name) select 'c' || i, 'Community ' || i
    from generate_series(1, 9, 2) i on conflict do nothing`);
  await sql.unsafe("set maintenance_work_mem = '256MB'");
  const perMonth = Math.ceil(rows / months);
  for (let k = months; k >= 1; k--) {
    const [month] = await sql<[{ start: string; part: string }]>`
      select (date_trunc('month', now() at time zone 'UTC') - make_interval(months => ${k}))::text as start,
             to_char(date_trunc('month', now() at time zone 'UTC') - make_interval(months => ${k}), 'YYYYMM') as part`;
    const { start, part } = month;
    const span = `extract(epoch from (timestamp '${start}' + interval '1 month' - timestamp '${start}')) * 1000`;
    await sql.begin(async (tx) => {
      await tx.unsafe(`create table rulings_p${part} (like rulings including defaults)`);
      await tx.unsafe(`create table ruling_norms_p${part} (like ruling_norms including defaults)`);
      await tx.unsafe(`
        insert into rulings_p${part}
        select 'rul_' || pg_temp.code(ms) || substr(md5(i::text), 1, 16),
          case when i % 2 = 0 then 'default' else 'c' || (i % 10) end, 1,
          case when (i * 37) % 100 < 70 then 'allow' when (i * 37) % 100 < 85 then 'hide'
               when (i * 37) % 100 < 95 then 'review' else 'remove' end,
          'post-${part}-' || i, 'comment', md5(i::text), 'a sample comment, number ' || i, md5(i::text || 'r'), null,
          json_build_object('id', 'u-' || (i % 5000)), null,
          '{"terms":["you","are","a","moron"],"insult_to_addressee":true,"addresses_other":true}'::json,
          '[]'::json, '{}'::json, 'evaluation', null, at, at + interval '180 days', 'final', 'en', null
        from (select i, ms, to_timestamp(ms / 1000.0) as at from (
          select i, (extract(epoch from timestamp '${start}') * 1000 + (i::float8 * ${span}) / ${perMonth})::bigint ms
          from generate_series(0, ${perMonth - 1}) i) g) s`);
      await tx.unsafe(`
        insert into ruling_norms_p${part} (ruling_id, community_id, norm_id, norm_version, title, outcome, action,
          severity, position)
        select id, community_id, 'harassment', 1, 'No targeted harassment', 'violated', decision, 'medium', 0
        from rulings_p${part} where decision <> 'allow'`);
      const [b] = await tx.unsafe(`select mores_ruling_id_floor(timestamp '${start}' at time zone 'UTC') lo,
        mores_ruling_id_floor((timestamp '${start}' + interval '1 month') at time zone 'UTC') hi`);
      await tx.unsafe(
        `alter table rulings attach partition rulings_p${part} for values from ('${b?.lo}') to ('${b?.hi}')`,
      );
      await tx.unsafe(
        `alter table ruling_norms attach partition ruling_norms_p${part} for values from ('${b?.lo}') to ('${b?.hi}')`,
      );
      await tx.unsafe(`select mores_guard_ruling_partition('rulings_p${part}', 'ruling_norms_p${part}')`);
      // What the insert trigger would have recorded: every loaded ruling is an evaluation with a content id.
      await tx.unsafe(`insert into ruling_replay_keys (ruling_id, community_id, content_id)
        select id, community_id, content_id from rulings_p${part}`);
    });
    process.stderr.write(`  ${part}: ${perMonth} rulings\n`);
  }
  await workTheReviewQueue(sql);
  await sql.unsafe("analyze rulings");
  await sql.unsafe("analyze ruling_norms");
}

/**
 * What moderators and the triggers would have left (migrations/0013): a `decided` event for all but one in 50 of
 * the loaded review rulings, and the rest in `review_queue`, so a listing of the queue has a whole history of
 * decided reviews to pass over and a backlog to show.
 */
async function workTheReviewQueue(sql: postgres.Sql): Promise<void> {
  await sql.unsafe(`insert into review_queue (ruling_id, community_id, created_at)
    select id, community_id, created_at from rulings r where decision = 'review' and hashtext(id) % 50 = 0
      and not exists (select 1 from review_queue q where q.ruling_id = r.id)`);
  await sql.unsafe(`insert into review_events (id, community_id, ruling_id, type, moderator, data, created_at)
    select 'rev_' || substr(id, 5), community_id, id, 'decided', 'mod-bulk', '{"decision":"allow"}',
      created_at + interval '1 hour'
    from rulings r where decision = 'review' and hashtext(id) % 50 <> 0
      and not exists (select 1 from review_queue q where q.ruling_id = r.id)
      and not exists (select 1 from review_events e where e.ruling_id = r.id and e.type = 'decided')`);
  await sql.unsafe("analyze review_queue");
  await sql.unsafe("analyze review_events");
}
