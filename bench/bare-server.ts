import Fastify from 'fastify';

// The yardstick: a bare fastify route returning a constant, on the same runtime as the platform.
const app = Fastify({ logger: false });
app.post('/bare', async () => ({ number: '20260101000001' }));
const port = Number(process.env.PORT ?? 0);
const address = await app.listen({ host: '127.0.0.1', port });
console.log(address);
