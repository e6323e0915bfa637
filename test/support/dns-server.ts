import dns2 from 'dns2';

const { Packet } = dns2;

export interface TestDnsServer {
  /** host:port, for DNS_RESOLVERS. */
  address: string;
  /** The TXT records served, by name (lower case); change it at will. */
  txt: Map<string, string[]>;
  /** Names answered SERVFAIL, as a broken authoritative server would. */
  failing: Set<string>;
  close(): Promise<void>;
}

/**
 * A real DNS server (dns2, over UDP) on a loopback port, answering TXT questions from `txt` and
 * NXDOMAIN for any other name: what an organisation publishes, under the test's control.
 */
export async function startDnsServer(): Promise<TestDnsServer> {
  const txt = new Map<string, string[]>();
  const failing = new Set<string>();
  const server = dns2.createServer({
    udp: true,
    handle: (request, send) => {
      const response = Packet.createResponseFromRequest(request);
      const [question] = request.questions;
      const values = question ? txt.get(question.name.toLowerCase()) : undefined;
      if (question && failing.has(question.name.toLowerCase())) {
        response.header.rcode = Packet.RCODE.SERVFAIL;
      } else if (!question || !values || question.type !== Packet.TYPE.TXT) {
        response.header.rcode = values ? 0 : Packet.RCODE.NXDOMAIN;
      } else {
        for (const data of values) {
          response.answers.push(
            Packet.createResourceFromQuestion(question, { type: Packet.TYPE.TXT, ttl: 1, data }),
          );
        }
      }
      send(response);
    },
  });
  const addresses = await server.listen({ udp: { port: 0, address: '127.0.0.1' } });
  const { port } = addresses.udp as { port: number };
  return { address: `127.0.0.1:${port}`, txt, failing, close: () => server.close() };
}
