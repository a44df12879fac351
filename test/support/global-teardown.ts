export default async function globalTeardown(): Promise<void> {
  await globalThis.__recgateUserPool?.close();
  await globalThis.__recgatePersonalize?.close();
  await globalThis.__recgateDynamoDb?.close();
}
