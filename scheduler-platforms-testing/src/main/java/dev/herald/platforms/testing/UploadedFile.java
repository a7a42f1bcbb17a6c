package dev.herald.platforms.testing;

/**
 * A file part of a {@code multipart/form-data} request received by a fake server. Immutable and
 * threadsafe.
 *
 * @param filename the file name the client sent
 * @param contentType the part's {@code Content-Type}; empty if the client sent none
 * @param size the number of bytes
 */
public record UploadedFile(String filename, String contentType, long size) {}
