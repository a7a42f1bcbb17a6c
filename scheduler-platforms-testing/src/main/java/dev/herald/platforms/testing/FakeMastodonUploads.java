package dev.herald.platforms.testing;

import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The media routes of a {@link FakeMastodon}: {@code POST /api/v2/media} (app/controllers/api/v2/
 * media_controller.rb: 200 for a processed image, 202 while processing) and {@code GET
 * /api/v1/media/:id} (206 while processing, then 200; 404 for unknown, foreign or attached media).
 * Threadsafe: media state changes under the fake's status lock.
 */
final class FakeMastodonUploads {
  private final FakeMastodon fake;
  private final FakeMastodonLimits limits;
  private final FakeMastodonMessages messages;
  private final Map<String, FakeMastodonMedia> media;
  private final Supplier<String> ids;
  private final boolean asyncUploads;
  private final int mediaProcessingPolls;
  private final Object statusLock;

  FakeMastodonUploads(FakeMastodon fake, FakeMastodon.Settings settings,
      Map<String, FakeMastodonMedia> media, Supplier<String> ids, boolean asyncUploads,
      int mediaProcessingPolls, Object statusLock) {
    this.fake = fake;
    this.limits = settings.limits();
    this.messages = settings.messages();
    this.media = media;
    this.ids = ids;
    this.asyncUploads = asyncUploads;
    this.mediaProcessingPolls = mediaProcessingPolls;
    this.statusLock = statusLock;
  }

  FakeResponse upload(FakeRequest request) {
    Optional<FakeMastodon.Account> account = fake.authorize(request);
    if (account.isEmpty() || !account.get().canWrite()) {
      return fake.authFailure(account);
    }
    Optional<UploadedFile> file = request.file("file");
    if (file.isEmpty() || !limits.supportedMimeTypes().contains(file.get().contentType())) {
      return fake.fixture("mastodon-error-422-media-invalid.json");
    }
    String description = request.param("description").orElse("");
    // MediaAttachment validates :description, length: { maximum: MAX_DESCRIPTION_LENGTH }
    // (app/models/media_attachment.rb): Rails counts characters, i.e. code points; URLs count in
    // full.
    int length = description.codePointCount(0, description.length());
    if (length > limits.descriptionLimit()) {
      return FakeResponse.json(422, FakeMastodonMessages.body(messages.invalid("Description",
          messages.get("description_too_long", limits.descriptionLimit()))));
    }
    String type = file.get().contentType().substring(0, file.get().contentType().indexOf('/'));
    Optional<FakeResponse> badThumbnail = FakeMastodonMedia.thumbnailError(request, type);
    if (badThumbnail.isPresent()) {
      return badThumbnail.get();
    }
    String id = ids.get();
    FakeMastodonMedia state =
        new FakeMastodonMedia(id, account.get().username(), type, description);
    state.focus = request.param("focus").flatMap(FakeMastodonMedia::focus).orElse(null);
    state.thumbnail = request.file("thumbnail").isPresent();
    boolean async = asyncUploads || !type.equals("image");
    state.pollsLeft = async ? mediaProcessingPolls : 0;
    state.ready = !async;
    media.put(id, state);
    String file200Or202 =
        async ? "mastodon-media-accepted-202.json" : "mastodon-media-created-200.json";
    return fake.fixture(file200Or202).withBody(state.json(Fixtures.get(file200Or202), fake.baseUri()));
  }

  FakeResponse poll(FakeRequest request) {
    Optional<FakeMastodon.Account> account = fake.authorize(request);
    if (account.isEmpty()) {
      return fake.authFailure(account);
    }
    FakeMastodonMedia state = media.get(request.pathParam("id").orElse(""));
    synchronized (statusLock) {
      if (state == null || state.attached || !state.account.equals(account.get().username())) {
        return fake.fixture("mastodon-error-404.json");
      }
      if (state.pollsLeft > 0) {
        state.pollsLeft--;
        return fake.fixture("mastodon-media-processing-206.json")
            .withBody(state.json(Fixtures.get("mastodon-media-processing-206.json"), fake.baseUri()));
      }
      state.ready = true;
      return fake.fixture("mastodon-media-ready.json")
          .withBody(state.json(Fixtures.get("mastodon-media-ready.json"), fake.baseUri()));
    }
  }
}
