/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.events.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** Decodes S3's form-style URL encoding of object keys. */
public final class UrlDecoding {

    private UrlDecoding() {
    }

    /**
     * Decodes {@code +} as a space and {@code %XX} as UTF-8 bytes.
     *
     * @param encoded the encoded text
     * @return the decoded text; {@code encoded} itself when it has nothing to decode
     * @throws IllegalArgumentException for a malformed {@code %} escape
     */
    public static String decode(String encoded) {
        if (encoded.indexOf('%') < 0 && encoded.indexOf('+') < 0) {
            return encoded;
        }
        return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
    }
}
