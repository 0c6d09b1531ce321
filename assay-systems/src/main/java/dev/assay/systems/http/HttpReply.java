package dev.assay.systems.http;

/**
 * What {@link JsonHttp} needs of one HTTP response, whichever transport fetched it.
 *
 * @param status the status code (never 1xx: interim responses are skipped)
 * @param retryAfter the {@code Retry-After} header's value, null when absent
 * @param body the whole body, decoded from its transfer framing (empty when none)
 */
record HttpReply(int status, String retryAfter, byte[] body) {}
