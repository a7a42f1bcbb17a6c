/**
 * What the Instagram and Facebook adapters share: the Graph API error envelope and the general
 * class of its codes ({@link dev.herald.platforms.internal.meta.GraphError}), the usage headers
 * ({@link dev.herald.platforms.internal.meta.MetaUsage}), calls to a Graph host at a pinned version
 * with the token as a registered secret ({@link dev.herald.platforms.internal.meta.GraphApi}),
 * results from Graph responses ({@link dev.herald.platforms.internal.meta.GraphOutcomes}), token
 * endpoint calls and their failures ({@link dev.herald.platforms.internal.meta.GraphTokenCalls}),
 * the pre-call checks ({@link dev.herald.platforms.internal.meta.PublishChecks}), multi-step flow
 * control ({@link dev.herald.platforms.internal.meta.PublishStop}) and what a publisher remembers
 * between attempts ({@link dev.herald.platforms.internal.meta.PublishMemo}). Not exported.
 */
package dev.herald.platforms.internal.meta;
