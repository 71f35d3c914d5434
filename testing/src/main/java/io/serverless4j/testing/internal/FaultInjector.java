/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.testing.internal;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.serverless4j.testing.Fault;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sits on the pass-through stub of a fault proxy: a request whose operation has an armed rule gets the rule's
 * fault, every other request is proxied unchanged.
 */
public final class FaultInjector implements ResponseDefinitionTransformerV2 {

    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final AtomicInteger injected = new AtomicInteger();

    /**
     * Fail the next {@code budget} requests of {@code operation}.
     *
     * @param operation the operation name, e.g. PutItem
     * @param fault what to do
     * @param budget how many requests are still to fail
     */
    public record Rule(String operation, Fault fault, Budget budget) {}

    @Override
    public String getName() {
        return "serverless4j-fault-injector";
    }

    @Override
    public boolean applyGlobally() {
        return true;
    }

    /**
     * Arms a rule.
     *
     * @param rule the rule
     */
    public void add(Rule rule) {
        rules.add(rule);
    }

    /** Disarms every rule. */
    public void clear() {
        rules.clear();
    }

    /**
     * How many faults were injected so far.
     *
     * @return the count
     */
    public int injected() {
        return injected.get();
    }

    /**
     * How many faults are still armed for {@code operation}.
     *
     * @param operation the operation name
     * @return the count
     */
    public int remaining(String operation) {
        return rules.stream().filter(r -> r.operation().equals(operation)).mapToInt(r -> r.budget().remaining()).sum();
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        ResponseDefinition passThrough = serveEvent.getResponseDefinition();
        Request request = serveEvent.getRequest();
        String target = request.getHeader("X-Amz-Target");
        String operation = target != null ? target.substring(target.lastIndexOf('.') + 1) : s3Operation(request);
        for (Rule rule : rules) {
            if (rule.operation().equals(operation) && rule.budget().tryTake()) {
                injected.incrementAndGet();
                return faulted(rule.fault(), passThrough, target != null);
            }
        }
        return passThrough;
    }

    private static ResponseDefinition faulted(Fault fault, ResponseDefinition passThrough, boolean json) {
        String message = "injected by serverless4j FaultProxy";
        switch (fault.kind()) {
            case DELAY:
                return ResponseDefinitionBuilder.like(passThrough)
                        .withFixedDelay((int) fault.delay().toMillis())
                        .build();
            case SLOW_BODY:
                return ResponseDefinitionBuilder.like(passThrough)
                        .withChunkedDribbleDelay(Fault.SLOW_BODY_PIECES,
                                (int) (fault.delay().toMillis() * Fault.SLOW_BODY_PIECES))
                        .build();
            case CONNECTION_RESET:
                return ResponseDefinitionBuilder.responseDefinition()
                        .withFault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER)
                        .build();
            case BROKEN_BODY:
                return ResponseDefinitionBuilder.responseDefinition()
                        .withFault(com.github.tomakehurst.wiremock.http.Fault.MALFORMED_RESPONSE_CHUNK)
                        .build();
            case THROTTLING:
                return json
                        ? PutEventsResponder.error(400, "ThrottlingException", "Rate exceeded (" + message + ")")
                        : s3Error(503, "SlowDown", "Please reduce your request rate (" + message + ")");
            case SERVER_ERROR:
                return json
                        ? PutEventsResponder.error(500, "InternalServerError", "Internal server error (" + message + ")")
                        : s3Error(500, "InternalError", "We encountered an internal error (" + message + ")");
            default:
                throw new IllegalStateException("unknown fault " + fault);
        }
    }

    private static ResponseDefinition s3Error(int status, String code, String message) {
        return ResponseDefinitionBuilder.responseDefinition()
                .withStatus(status)
                .withHeader("Content-Type", "application/xml")
                .withBody("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>"
                        + message + "</Message><RequestId>serverless4j</RequestId></Error>")
                .build();
    }

    /**
     * Names the S3 REST operation of a request from its method, path and query; S3 has no operation header.
     *
     * @param request the request
     * @return the operation name, or the method and path when not recognised
     */
    static String s3Operation(Request request) {
        String url = request.getUrl();
        int q = url.indexOf('?');
        String path = q < 0 ? url : url.substring(0, q);
        String query = q < 0 ? "" : url.substring(q + 1);
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        boolean hasKey = trimmed.indexOf('/') >= 0 && trimmed.indexOf('/') < trimmed.length() - 1;
        boolean bucketOnly = !trimmed.isEmpty() && !hasKey;
        String method = request.getMethod().getName().toUpperCase(Locale.ROOT);
        switch (method) {
            case "HEAD":
                return hasKey ? "HeadObject" : "HeadBucket";
            case "GET":
                if (trimmed.isEmpty()) {
                    return "ListBuckets";
                }
                if (bucketOnly) {
                    return query.contains("list-type=2") ? "ListObjectsV2" : "ListObjects";
                }
                return "GetObject";
            case "PUT":
                if (bucketOnly) {
                    return "CreateBucket";
                }
                if (request.getHeader("x-amz-copy-source") != null) {
                    return "CopyObject";
                }
                return query.contains("uploadId=") ? "UploadPart" : "PutObject";
            case "DELETE":
                if (bucketOnly) {
                    return "DeleteBucket";
                }
                return query.contains("uploadId=") ? "AbortMultipartUpload" : "DeleteObject";
            case "POST":
                if (bucketOnly && query.contains("delete")) {
                    return "DeleteObjects";
                }
                if (query.contains("uploads")) {
                    return "CreateMultipartUpload";
                }
                return query.contains("uploadId=") ? "CompleteMultipartUpload" : "POST " + path;
            default:
                return method + " " + path;
        }
    }
}
