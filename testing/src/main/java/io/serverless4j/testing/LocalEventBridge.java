/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.serverless4j.testing.internal.Budget;
import io.serverless4j.testing.internal.PutEventsResponder;
import io.serverless4j.testing.internal.WireMocks;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

/**
 * EventBridge on loopback for {@code PutEvents}: a WireMock server that answers the AWS JSON 1.1 call, records
 * every entry it accepts, and can be told to reject chosen entries with an error code (a partial failure, as
 * {@code FailedEntryCount} reports it). There is no open-source EventBridge emulator; rules, buses and targets are
 * out of scope: other operations get an {@code UnknownOperationException}.
 *
 * <p>Or an existing endpoint named by {@code SERVERLESS4J_EVENTBRIDGE_ENDPOINT}; recording and rejection then
 * throw {@link IllegalStateException}. Thread-safe.
 */
public final class LocalEventBridge extends LocalService {

    private final PutEventsResponder responder;

    private LocalEventBridge(URI endpoint, AutoCloseable server, PutEventsResponder responder) {
        super("WireMock", endpoint, server);
        this.responder = responder;
    }

    /**
     * Starts the PutEvents stub on 127.0.0.1.
     *
     * @param port the port, or 0 for any free port
     * @return the running stub
     * @throws LocalAwsException when WireMock does not start
     */
    public static LocalEventBridge start(int port) {
        PutEventsResponder responder = new PutEventsResponder();
        WireMockServer server = WireMocks.start(port, "EventBridge", responder);
        server.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse()
                .withStatus(400)
                .withHeader("Content-Type", "application/x-amz-json-1.1")
                .withBody("{\"__type\":\"UnknownOperationException\",\"message\":"
                        + "\"serverless4j LocalEventBridge answers PutEvents only\"}")));
        server.stubFor(post(anyUrl()).atPriority(1)
                .withHeader("X-Amz-Target", equalTo("AWSEvents.PutEvents"))
                .willReturn(aResponse().withTransformers(PutEventsResponder.NAME)));
        return new LocalEventBridge(URI.create("http://127.0.0.1:" + server.port()), server::stop, responder);
    }

    static LocalEventBridge external(URI endpoint) {
        return new LocalEventBridge(endpoint, null, null);
    }



    /**
     * A new client for this endpoint; the caller closes it.
     *
     * @return a configured client
     */
    public EventBridgeClient newClient() {
        return configure(EventBridgeClient.builder()).build();
    }

    /**
     * Every entry accepted so far, in arrival order (rejected entries are not in it).
     *
     * @return a snapshot
     */
    public List<PutEventsRequestEntry> receivedEntries() {
        return recorder().received();
    }

    /**
     * How many well-formed PutEvents requests arrived so far.
     *
     * @return the count
     */
    public int putEventsRequests() {
        return recorder().requests();
    }

    /**
     * Makes the next {@code times} entries that match {@code which} fail with {@code errorCode}, as EventBridge
     * reports a partial failure: HTTP 200, {@code FailedEntryCount} > 0, the error on the entry.
     *
     * @param which the entries to reject
     * @param times how many matching entries to reject; {@link Integer#MAX_VALUE} for all
     * @param errorCode e.g. {@code ThrottlingException} or {@code InternalFailure}
     * @param errorMessage the message answered with it
     */
    public void rejectEntries(Predicate<PutEventsRequestEntry> which, int times, String errorCode, String errorMessage) {
        Objects.requireNonNull(which, "which");
        Objects.requireNonNull(errorCode, "errorCode");
        if (times < 1) {
            throw new IllegalArgumentException("times must be at least 1, was " + times);
        }
        recorder().reject(new PutEventsResponder.Rejection(which, errorCode, errorMessage, new Budget(times)));
    }

    /** Forgets received entries, counts and rejection rules, so each test starts clean. */
    public void reset() {
        recorder().reset();
    }

    private PutEventsResponder recorder() {
        if (responder == null) {
            throw new IllegalStateException("EventBridge is the external endpoint " + endpoint()
                    + " (SERVERLESS4J_EVENTBRIDGE_ENDPOINT); recorded entries and rejections exist only for the "
                    + "embedded stub");
        }
        return responder;
    }


}
