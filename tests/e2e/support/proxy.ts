/**
 * How a browser under test reaches a stand-in by real host names: a CONNECT
 * proxy on 127.0.0.1 that tunnels the stand-in's hosts to its port, and
 * refuses every other host, so nothing leaves the machine. The browser
 * checks the stand-in's certificate as it would Salesforce's, trusting the
 * test CA's key (Chromium) or WebDriver's acceptInsecureCerts (Firefox).
 */
import { createHash, createPublicKey } from 'node:crypto';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { connect, type AddressInfo } from 'node:net';

export interface Proxy {
  /** `host:port`, for Chromium's --proxy-server and Firefox's proxy preferences. */
  address: string;
  /** Every host the browser asked to reach through it, in order, refused ones included. */
  asked: string[];
  close(): Promise<void>;
}

export async function startProxy(hosts: readonly string[], port: number): Promise<Proxy> {
  // A CONNECT proxy for the stand-in's hosts only: any other host is refused, so nothing leaves the machine.
  const proxy: HttpServer = createHttpServer((_req, res) => res.writeHead(405).end());
  const asked: string[] = [];
  proxy.on('connect', (req, client) => {
    // Before anything else: a browser that resets a refused tunnel would otherwise throw ECONNRESET into the test run.
    client.on('error', () => client.destroy());
    const [host] = (req.url ?? '').split(':');
    if (host) asked.push(host);
    if (!host || !hosts.includes(host)) return void client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
    const upstream = connect(port, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.pipe(client).pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));

  return {
    address: `127.0.0.1:${(proxy.address() as AddressInfo).port}`,
    asked,
    async close() {
      proxy.closeAllConnections?.();
      await new Promise((r) => proxy.close(r));
    },
  };
}

/** The base64 SHA-256 of the certificate's public key, for Chromium's --ignore-certificate-errors-spki-list. */
export const spkiOf = (keyPem: string) =>
  createHash('sha256')
    .update(createPublicKey(keyPem).export({ type: 'spki', format: 'der' }))
    .digest('base64');

/** Firefox preferences that send https through the stand-in's proxy (and nothing else anywhere). */
export const firefoxProxyPrefs = (proxy: string) => {
  const [host, port] = proxy.split(':');
  return {
    'network.proxy.type': 1,
    'network.proxy.ssl': host,
    'network.proxy.ssl_port': Number(port),
    'network.proxy.no_proxies_on': '',
    'network.proxy.allow_hijacking_localhost': true,
  };
};
