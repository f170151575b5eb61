/** A mores service, a community in it, and the key to call it with. */
export type Remote = { base: string; community: string; key: string };

export type Problem = {
  title?: string;
  detail?: string;
  code?: string;
  requestId?: string;
  errors?: string[];
  blocking?: string[];
  issues?: Array<{ path: string; message: string }>;
};

export class HttpError extends Error {
  constructor(
    message: string,
    readonly problem?: Problem,
  ) {
    super(message);
  }
}

/** One JSON call to the community's API; HttpError with the problem+json body when the answer is not 2xx. */
export async function call(r: Remote, method: string, path: string, body?: unknown): Promise<unknown> {
  const url = `${r.base}/v1/communities/${encodeURIComponent(r.community)}${path}`;
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers: {
        authorization: `Bearer ${r.key}`,
        accept: "application/json",
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch (e) {
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    throw new HttpError(`cannot reach ${r.base}: ${cause?.code ?? cause?.message ?? (e as Error).message}`);
  }
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  if (res.ok && json !== undefined) return json;
  const problem = res.ok ? undefined : (json as Problem | undefined);
  // When the problem lists its errors, they are printed one by one after this line; the detail repeats the
  // first few, so it is left out rather than shown twice.
  const listed = problem?.errors?.length;
  const what = listed
    ? `${listed} problem${listed === 1 ? "" : "s"}:`
    : (problem?.detail ?? problem?.title ?? (text.slice(0, 200) || "no body"));
  throw new HttpError(
    `${method} ${path}: HTTP ${res.status}${problem?.code ? ` ${problem.code}` : ""}: ${what}`,
    problem,
  );
}
