package dev.herald.scheduler.contract;

import dev.herald.scheduler.credentials.TokenStore;

class InMemoryTokenStoreTest extends TokenStoreContract {
  private TokenStore store;

  @Override
  protected TokenStore newStore() {
    store = TokenStore.inMemory();
    return store;
  }

  @Override
  protected TokenStore sameStorage() {
    return store;
  }
}
