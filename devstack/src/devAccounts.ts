import { HDNodeWallet, Mnemonic, type Provider } from "ethers";

/**
 * Hardhat's public development mnemonic. These keys fund every local Hardhat chain and are known to
 * everyone: never use them on a real network.
 */
export const DEV_MNEMONIC = "test test test test test test test test test test test junk";

/** The `index`-th Hardhat development account, connected to `provider` when given. */
export function devAccount(index: number, provider?: Provider): HDNodeWallet {
  const wallet = HDNodeWallet.fromMnemonic(Mnemonic.fromPhrase(DEV_MNEMONIC), `m/44'/60'/0'/0/${index}`);
  return provider ? wallet.connect(provider) : wallet;
}
