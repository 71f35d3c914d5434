/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.events;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;

/**
 * A Lambda handler base that reads its input with {@link Events#parse(InputStream, Class)} and writes its output
 * with {@link Events#write(Object, OutputStream)}, bypassing the Lambda runtime's own serializer.
 *
 * <pre>{@code
 * public final class OrderApi extends EventHandler<ApiGatewayV2HttpEvent, ApiGatewayV2HttpResponse> {
 *     public OrderApi() { super(ApiGatewayV2HttpEvent.class); }
 *     protected ApiGatewayV2HttpResponse handle(ApiGatewayV2HttpEvent request, Context context) { ... }
 * }
 * }</pre>
 *
 * <p>Lambda creates one instance per execution environment and calls it from one thread at a time; the base
 * class holds no mutable state, so subclasses decide their own thread-safety.
 *
 * @param <I> the event type
 * @param <O> the response type; a null response writes nothing
 */
public abstract class EventHandler<I, O> implements RequestStreamHandler {

    private final Class<I> eventType;

    /**
     * Creates a handler for events of {@code eventType}.
     *
     * @param eventType the type to parse the input as, e.g. {@code SqsEvent.class}
     * @throws NullPointerException if {@code eventType} is null
     */
    protected EventHandler(Class<I> eventType) {
        this.eventType = Objects.requireNonNull(eventType, "eventType");
    }

    /**
     * Handles one parsed event.
     *
     * @param event the event, never null
     * @param context the Lambda context
     * @return the response to write as JSON, or null to write nothing
     */
    protected abstract O handle(I event, Context context);

    /**
     * Parses the input, calls {@link #handle(Object, Context)} and writes its result. Called by the Lambda runtime.
     *
     * @param input the invocation payload
     * @param output where the response goes
     * @param context the Lambda context
     * @throws EventParseException if the input does not parse as the event type; the invocation then fails
     */
    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) {
        O response = handle(Events.parse(input, eventType), context);
        if (response != null) {
            Events.write(response, output);
        }
    }
}
