/** The ceiling for HTTP benchmarks: a bare Fastify route returning a constant, nothing else. */
import Fastify from 'fastify';

const app = Fastify({ logger: false });
const body = {
  code: '320583',
  name: '昆山市',
  fullName: '江苏省苏州市昆山市',
  level: 'county',
  parentCode: '320500',
};
app.get('/constant', async () => body);
const address = await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT ?? 0) });
console.log(`LISTENING ${address}`);
