/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.benchmarks.events;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The three events the benchmarks parse, copied from the events module's fixtures: a 10-record SQS event, an S3
 * put notification and an HTTP API (v2) request.
 */
public enum BenchmarkEvents {
    SQS("sqs-event.json"),
    S3("s3-put-event.json"),
    API_V2("apigateway-v2-request.json");

    private final String resource;

    BenchmarkEvents(String resource) {
        this.resource = resource;
    }

    /**
     * Returns the event's JSON bytes without insignificant whitespace, as Lambda delivers events (the fixtures are
     * pretty-printed for reading).
     */
    byte[] bytes() {
        try (InputStream in = BenchmarkEvents.class.getResourceAsStream("/events/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("missing benchmark resource /events/" + resource);
            }
            return minify(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Drops whitespace outside strings; the fixtures are valid JSON, so no validation is needed here. */
    public static byte[] minify(byte[] json) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(json.length);
        boolean inString = false;
        for (int i = 0; i < json.length; i++) {
            byte b = json[i];
            if (inString) {
                out.write(b);
                if (b == '\\') {
                    out.write(json[++i]);
                } else if (b == '"') {
                    inString = false;
                }
            } else if (b == '"') {
                inString = true;
                out.write(b);
            } else if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                out.write(b);
            }
        }
        return out.toByteArray();
    }
}
