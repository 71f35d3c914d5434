/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.events.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Body handling that the API Gateway v1 and v2 request records share. */
public final class HttpRequests {

    private HttpRequests() {
    }

    /** The body as bytes: base64-decoded when API Gateway encoded it, UTF-8 otherwise; empty for no body. */
    public static byte[] bodyBytes(String body, boolean base64Encoded) {
        if (body == null) {
            return new byte[0];
        }
        return base64Encoded ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
    }

    /** The body parsed as JSON; {@code what} names the request in errors. */
    public static <T> T body(String body, boolean base64Encoded, Class<T> type, String what) {
        if (base64Encoded) {
            return Json.readNested(new String(bodyBytes(body, true), StandardCharsets.UTF_8), type, what);
        }
        return Json.readNested(body == null ? "" : body, type, what);
    }

    /** The body parsed as JSON into a generic type; {@code what} names the request in errors. */
    public static <T> T body(String body, boolean base64Encoded, TypeReference<T> type, String what) {
        if (base64Encoded) {
            return Json.readNested(new String(bodyBytes(body, true), StandardCharsets.UTF_8), type, what);
        }
        return Json.readNested(body == null ? "" : body, type, what);
    }
}
