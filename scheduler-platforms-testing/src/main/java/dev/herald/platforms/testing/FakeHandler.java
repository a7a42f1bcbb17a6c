package dev.herald.platforms.testing;

/**
 * Answers the requests of one route of a {@link FakeServer}. Called on the server's worker threads,
 * possibly concurrently: implementations must be threadsafe. A {@link RuntimeException} is answered
 * with HTTP 500.
 */
@FunctionalInterface
public interface FakeHandler {

  /**
   * The response to {@code request}.
   *
   * @param request the request, with its route's placeholders resolved
   * @return the response; never null
   */
  FakeResponse handle(FakeRequest request);
}
