// A tiny npm registry on 127.0.0.1 for the release check: it serves the packuments and tarballs
// of our packed packages, and for every other name passes the packument of the upstream registry
// through unchanged (its tarball URLs still point upstream, so npm fetches those directly).
import { createHash } from "node:crypto";
import { createServer } from "node:http";

/** npm's name rule, loosely: `name` or `@scope/name`, no further slashes. */
const PACKAGE_NAME = /^(@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*$/i;

/** The dist block of a tarball: its URL, sha512 integrity and sha1 shasum. */
function distOf(tarball, url) {
  return {
    tarball: url,
    integrity: `sha512-${createHash("sha512").update(tarball).digest("base64")}`,
    shasum: createHash("sha1").update(tarball).digest("hex"),
  };
}

/**
 * The packuments of `packages`, and their tarballs by URL path, for a registry at `baseUrl`.
 * @param {ReadonlyArray<{ manifest: Record<string, any>, tarball: Buffer }>} packages
 */
export function buildPackuments(packages, baseUrl) {
  const packuments = new Map();
  const tarballs = new Map();
  for (const { manifest, tarball } of packages) {
    const { name, version } = manifest;
    const path = `/${name}/-/${name.split("/").pop()}-${version}.tgz`;
    tarballs.set(path, tarball);
    const packument = packuments.get(name) ?? { name, "dist-tags": {}, versions: {} };
    packument["dist-tags"].latest = version;
    packument.versions[version] = {
      ...manifest,
      _id: `${name}@${version}`,
      dist: distOf(tarball, baseUrl + path),
    };
    packuments.set(name, packument);
  }
  return { packuments, tarballs };
}

function send(response, status, type, body) {
  response.writeHead(status, { "content-type": type, "content-length": Buffer.byteLength(body) });
  response.end(body);
}

/**
 * Starts the registry on 127.0.0.1 (a free port). `proxied` lists the names passed upstream.
 * @param {{ packages: ReadonlyArray<{ manifest: Record<string, any>, tarball: Buffer }>,
 *           upstream?: string, timeoutMs?: number }} options
 * @returns {Promise<{ url: string, proxied: Set<string>, close: () => Promise<void> }>}
 */
export async function startLocalRegistry({
  packages,
  upstream = "https://registry.npmjs.org",
  timeoutMs = 30_000,
}) {
  const proxied = new Set();
  let served = { packuments: new Map(), tarballs: new Map() };

  async function proxy(name, request, response) {
    proxied.add(name);
    const reply = await fetch(`${upstream}/${name.replace("/", "%2f")}`, {
      headers: { accept: request.headers.accept ?? "application/json" },
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = Buffer.from(await reply.arrayBuffer());
    send(response, reply.status, reply.headers.get("content-type") ?? "application/json", body);
  }

  async function handle(request, response) {
    if (request.method !== "GET") return send(response, 405, "application/json", '{"error":"read only"}');
    const path = decodeURIComponent(new URL(request.url ?? "/", "http://registry").pathname);
    const tarball = served.tarballs.get(path);
    if (tarball !== undefined) return send(response, 200, "application/octet-stream", tarball);
    const name = path.slice(1);
    const packument = served.packuments.get(name);
    if (packument !== undefined) return send(response, 200, "application/json", JSON.stringify(packument));
    if (PACKAGE_NAME.test(name)) return proxy(name, request, response);
    return send(response, 404, "application/json", '{"error":"not found"}');
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error) => {
      if (!response.headersSent)
        send(response, 502, "application/json", JSON.stringify({ error: String(error) }));
      else response.destroy();
    });
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const url = `http://127.0.0.1:${server.address().port}`;
  served = buildPackuments(packages, url);
  return {
    url,
    proxied,
    /** The sha512 integrity of the latest tarball served for `name`. */
    integrityOf: (name) => {
      const packument = served.packuments.get(name);
      return packument?.versions[packument["dist-tags"].latest]?.dist.integrity;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
