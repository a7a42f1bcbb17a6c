package dev.herald.platforms.tiktok;

import dev.herald.platforms.testing.FakeResponse;
import dev.herald.platforms.testing.FakeServer;
import dev.herald.platforms.testing.Fixtures;
import java.time.InstantSource;

/**
 * A loopback server answering creator_info with its fixture and every init with one scripted
 * response, for error codes and statuses that have no fixture of their own. Threadsafe.
 */
final class ScriptedTikTok extends FakeServer {

  private volatile FakeResponse init = FakeResponse.empty(500);

  ScriptedTikTok() {
    super("tiktok", InstantSource.system());
    route(
        "POST",
        "/v2/post/publish/creator_info/query/",
        r -> FakeResponse.of(Fixtures.get("tiktok-creator-info-ok.json")));
    route("POST", "/v2/post/publish/video/init/", r -> init);
    route("POST", "/v2/post/publish/content/init/", r -> init);
    start();
  }

  /** Makes every init answer {@code response}. */
  void answerInit(FakeResponse response) {
    this.init = response;
  }

  /** A TikTok error envelope with {@code code}, and {@code logid} spelt as in the doc tables. */
  static FakeResponse envelope(int status, String code) {
    return FakeResponse.json(
        status,
        "{\"data\":{},\"error\":{\"code\":\""
            + code
            + "\",\"message\":\"scripted\",\"logid\":\"2026SCRIPTED\"}}");
  }
}
