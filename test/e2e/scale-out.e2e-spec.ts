import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { PIPELINE_GROUP, ScorecardView, TOPICS } from '@rapport/contracts';
import { KafkaService } from '@rapport/kafka';
import type { AddressInfo } from 'node:net';
import { io } from 'socket.io-client';
import { EventFactory, MINUTE } from '../support/fixtures';
import { LiveSocket, RapportHarness, startApi } from '../support/rapport-harness';

/**
 * Two pipeline workers share one consumer group (each contract's partition goes to one of them);
 * each API instance reads every update under a group of its own, so every socket gets every
 * update it may see, whichever instance it is connected to.
 */
describe('scale-out: two pipeline workers and two API instances', () => {
  let rapport: RapportHarness;
  let secondApi: NestExpressApplication;
  let secondUrl: string;
  const sockets: LiveSocket[] = [];

  beforeAll(async () => {
    rapport = await RapportHarness.start({ pipelines: 2 });
    secondApi = await startApi();
    secondUrl = `http://127.0.0.1:${(secondApi.getHttpServer() as { address(): AddressInfo }).address().port}`;
  });

  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await (secondApi as INestApplication | undefined)?.close();
    await rapport?.stop();
  });

  it('scores every contract once, the same through either API, and pushes each update to sockets on both', async () => {
    const token = await rapport.adminToken();
    const contracts: string[] = [];
    for (const name of ['Scaled Alpha', 'Scaled Beta', 'Scaled Gamma', 'Scaled Delta', 'Scaled Epsilon', 'Scaled Zeta']) {
      contracts.push((await rapport.createContract(token, name)).contractId);
    }
    const group = await rapport.api.get(KafkaService).groupProgress(PIPELINE_GROUP, TOPICS.events);
    expect(group?.members).toBe(2);

    const first = await rapport.socket(token);
    const second: LiveSocket = io(secondUrl, { auth: { token }, transports: ['websocket'], reconnection: false });
    await new Promise<void>((resolve, reject) => {
      second.once('connect', () => resolve());
      second.once('connect_error', reject);
    });
    sockets.push(first, second);
    const seen = [new Map<string, ScorecardView>(), new Map<string, ScorecardView>()];
    [first, second].forEach((socket, i) => socket.on('scorecard.updated', (card) => seen[i].set(card.contractId, card)));

    // Contract k gets k + 3 ratings: csat k, k, ..., all 4s and 5s for even k, 1s and 2s for odd k.
    const expected = new Map<string, { samples: number; csat: number }>();
    const batch = contracts.flatMap((contractId, k) => {
      const events = new EventFactory(contractId);
      const ratings = Array.from({ length: k + 3 }, (_, j) => (k % 2 === 0 ? 4 + (j % 2) : 1 + (j % 2)));
      expected.set(contractId, { samples: ratings.length, csat: k % 2 === 0 ? 1 : 0 });
      return ratings.map((csat, j) => events.event('feedback.submitted', Date.now() - (j + 1) * MINUTE, { feedbackId: `F${j}`, csat }));
    });
    // Sent twice: duplicates are ignored, whichever worker sees them.
    expect((await rapport.ingest(batch)).status).toBe(202);
    expect((await rapport.ingest(batch)).status).toBe(202);

    const complete = (view: Map<string, ScorecardView>) =>
      contracts.every((id) => view.get(id)?.kpis.csat.samples === expected.get(id)!.samples);
    const deadline = Date.now() + 60_000;
    while (!(complete(seen[0]) && complete(seen[1])) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(complete(seen[0])).toBe(true);
    expect(complete(seen[1])).toBe(true);

    const at = new Date().toISOString();
    for (const contractId of contracts) {
      const read = async (baseUrl: string) => {
        const response = await fetch(`${baseUrl}/api/v1/scorecards/${contractId}?at=${at}`, {
          headers: { authorization: `Bearer ${token}` },
        });
        const { score, kpis } = (await response.json()) as ScorecardView;
        return { score, csat: kpis.csat };
      };
      const [viaFirst, viaSecond] = [await read(rapport.baseUrl), await read(secondUrl)];
      expect(viaSecond).toEqual(viaFirst);
      expect(viaFirst.csat).toMatchObject({ samples: expected.get(contractId)!.samples, value: expected.get(contractId)!.csat });
    }
  });
});
