/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import io.serverless4j.events.apigateway.ApiGatewayV2HttpEvent;
import io.serverless4j.events.apigateway.ApiGatewayV2HttpResponse;
import io.serverless4j.events.sqs.SqsEvent;
import io.serverless4j.events.sqs.SqsMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventHandlerTest {

    /** A plain Context for tests: the values a Lambda runtime would hand over. */
    record TestContext(String awsRequestId) implements Context {
        @Override
        public String getAwsRequestId() {
            return awsRequestId;
        }

        @Override
        public String getLogGroupName() {
            return "/aws/lambda/test";
        }

        @Override
        public String getLogStreamName() {
            return "stream";
        }

        @Override
        public String getFunctionName() {
            return "test";
        }

        @Override
        public String getFunctionVersion() {
            return "$LATEST";
        }

        @Override
        public String getInvokedFunctionArn() {
            return "arn:aws:lambda:us-east-1:123456789012:function:test";
        }

        @Override
        public CognitoIdentity getIdentity() {
            return null;
        }

        @Override
        public ClientContext getClientContext() {
            return null;
        }

        @Override
        public int getRemainingTimeInMillis() {
            return 30_000;
        }

        @Override
        public int getMemoryLimitInMB() {
            return 512;
        }

        @Override
        public LambdaLogger getLogger() {
            return null;
        }
    }

    /** Fails every message whose body mentions "poison". */
    static final class PoisonFilter extends SqsHandler {
        final List<String> seenRequestIds = new ArrayList<>();

        @Override
        protected BatchResponse handle(SqsEvent event, Context context) {
            seenRequestIds.add(context.getAwsRequestId());
            return BatchResponse.failed(event.records().stream().filter(m -> m.body().contains("poison"))
                    .map(SqsMessage::messageId).toList());
        }
    }

    @Test
    void sqsHandlerParsesTheStreamAndWritesTheBatchResponse() {
        String json = Fixtures.read("sqs-event.json").replace("o-4", "poison");
        PoisonFilter handler = new PoisonFilter();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), out,
                new TestContext("req-1"));
        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo("{\"batchItemFailures\":[{\"itemIdentifier\":\"059f36b4-87a3-44ab-83d2-661975830003\"}]}");
        assertThat(handler.seenRequestIds).containsExactly("req-1");
    }

    @Test
    void genericHandlerWritesAnApiResponse() {
        EventHandler<ApiGatewayV2HttpEvent, ApiGatewayV2HttpResponse> api =
                new EventHandler<>(ApiGatewayV2HttpEvent.class) {
                    @Override
                    protected ApiGatewayV2HttpResponse handle(ApiGatewayV2HttpEvent request, Context context) {
                        return ApiGatewayV2HttpResponse.error(404, "NOT_FOUND", "no route " + request.rawPath(),
                                context.getAwsRequestId());
                    }
                };
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        api.handleRequest(new ByteArrayInputStream(Fixtures.read("apigateway-v2-request.json")
                .getBytes(StandardCharsets.UTF_8)), out, new TestContext("req-2"));
        ApiGatewayV2HttpResponse written = Events.parse(out.toByteArray(), ApiGatewayV2HttpResponse.class);
        assertThat(written.statusCode()).isEqualTo(404);
        assertThat(written.body()).isEqualTo("{\"error\":{\"code\":\"NOT_FOUND\",\"message\":\"no route /orders\","
                + "\"requestId\":\"req-2\"}}");
    }

    @Test
    void aNullResponseWritesNothing() {
        EventHandler<SqsEvent, Void> sink = new EventHandler<>(SqsEvent.class) {
            @Override
            protected Void handle(SqsEvent event, Context context) {
                return null;
            }
        };
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        sink.handleRequest(new ByteArrayInputStream(Fixtures.read("sqs-event.json").getBytes(StandardCharsets.UTF_8)),
                out, new TestContext("r"));
        assertThat(out.size()).isZero();
    }

    @Test
    void anUnparsableEventFailsTheInvocationBeforeTheHandlerRuns() {
        PoisonFilter handler = new PoisonFilter();
        assertThatThrownBy(() -> handler.handleRequest(new ByteArrayInputStream("{\"Records\": 1}"
                .getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream(), new TestContext("r")))
                .isInstanceOf(EventParseException.class)
                .hasMessage("SqsEvent: Records: expected an array, found a number");
        assertThat(handler.seenRequestIds).isEmpty();
    }
}
