import { fetchContractInfo } from "@/lib/data";
import { DEV_CHAIN_ID, DemoModeError, personaWallet } from "@/lib/personas";
import { readJsonBody } from "@/lib/requestBody";
import { answerError, errorResponse, isHttps } from "@/lib/routeErrors";
import { writeSession } from "@/lib/session";
import { buildSignInMessage, verifySignIn } from "@/lib/signIn";

/** POST {devAccountIndex}: demo mode only, signs in as a seeded persona with its public Hardhat key. */
export async function POST(request: Request) {
  try {
    const { devAccountIndex } = ((await readJsonBody(request)) ?? {}) as { devAccountIndex?: unknown };
    if (typeof devAccountIndex !== "number" || !Number.isInteger(devAccountIndex))
      return errorResponse("BAD_USER_INPUT", 'Send JSON {"devAccountIndex": <the persona\'s index>}.');
    const { wallet } = personaWallet(devAccountIndex);
    const { chainId } = await fetchContractInfo();
    if (chainId !== DEV_CHAIN_ID)
      throw new DemoModeError(`The API serves chain ${chainId}; demo personas sign only on the local Hardhat chain (${DEV_CHAIN_ID}).`);
    const message = await buildSignInMessage(wallet.address);
    const session = await verifySignIn(message, await wallet.signMessage(message));
    await writeSession({ ...session, demoAccountIndex: devAccountIndex }, isHttps(request));
    return Response.json({ address: session.address, roles: session.roles });
  } catch (error) {
    return answerError(error);
  }
}
