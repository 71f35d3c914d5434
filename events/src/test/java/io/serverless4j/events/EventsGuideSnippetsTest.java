/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import io.serverless4j.events.apigateway.ApiGatewayV2HttpEvent;
import io.serverless4j.events.apigateway.ApiGatewayV2HttpResponse;
import io.serverless4j.events.apigateway.CorsPolicy;
import io.serverless4j.events.s3.S3Event;
import io.serverless4j.events.sqs.SqsEvent;
import io.serverless4j.events.sqs.SqsMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The code shown in docs/events.md and events/README.md, compiled and run here; the checks module's DocSnippetsTest
 * keeps the docs equal to the tagged regions.
 */
class EventsGuideSnippetsTest {

    record Order(String id, int quantity) {
    }

    static final List<Order> SAVED = new ArrayList<>();

    // tag::sqs-handler[]
    public static final class OrderQueueHandler extends SqsHandler {
        @Override
        protected BatchResponse handle(SqsEvent event, Context context) {
            List<String> failed = new ArrayList<>();
            for (SqsMessage message : event.records()) {
                try {
                    save(message.body(Order.class)); // EventParseException names the message and the JSON path
                } catch (RuntimeException e) {
                    failed.add(message.messageId()); // only these are retried
                }
            }
            return BatchResponse.failed(failed);
        }
    }
    // end::sqs-handler[]

    static void save(Order order) {
        if (order.quantity() <= 0) {
            throw new IllegalArgumentException("quantity must be positive");
        }
        SAVED.add(order);
    }

    // tag::api-handler[]
    public static final class CreateOrderApi extends EventHandler<ApiGatewayV2HttpEvent, ApiGatewayV2HttpResponse> {
        static final CorsPolicy CORS = CorsPolicy.builder().allowedOrigins("https://app.example.com").build();

        public CreateOrderApi() {
            super(ApiGatewayV2HttpEvent.class);
        }

        @Override
        protected ApiGatewayV2HttpResponse handle(ApiGatewayV2HttpEvent request, Context context) {
            String origin = request.header("origin");
            if (request.method().equals("OPTIONS")) {
                return ApiGatewayV2HttpResponse.preflight(CORS, origin);
            }
            Order order = request.body(Order.class);
            if (order.quantity() <= 0) {
                return ApiGatewayV2HttpResponse.error(422, "VALIDATION_FAILED", "quantity must be positive",
                        context.getAwsRequestId()).withCors(CORS, origin);
            }
            return ApiGatewayV2HttpResponse.created("/orders/" + order.id(), order).withCors(CORS, origin);
        }
    }
    // end::api-handler[]

    @Test
    void sqsHandlerReportsOnlyTheFailedMessages() {
        String json = Fixtures.read("sqs-event.json").replace("\\\"quantity\\\": 4", "\\\"quantity\\\": 0")
                .replace("orderId", "id");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new OrderQueueHandler().handleRequest(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), out,
                new EventHandlerTest.TestContext("r-1"));
        BatchResponse response = Events.parse(out.toByteArray(), BatchResponse.class);
        assertThat(response.batchItemFailures()).extracting(BatchResponse.ItemFailure::itemIdentifier)
                .containsExactly("059f36b4-87a3-44ab-83d2-661975830003");
        assertThat(SAVED).contains(new Order("o-1", 1));
    }

    @Test
    void apiHandlerCreatesTheOrderWithCorsHeaders() {
        String json = Fixtures.read("apigateway-v2-request.json").replace("orderId", "id");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new CreateOrderApi().handleRequest(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), out,
                new EventHandlerTest.TestContext("r-2"));
        ApiGatewayV2HttpResponse response = Events.parse(out.toByteArray(), ApiGatewayV2HttpResponse.class);
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers()).containsEntry("Location", "/orders/o-1")
                .containsEntry("Access-Control-Allow-Origin", "https://app.example.com");
    }

    @Test
    void apiHandlerAnswersInvalidInputWithTheStandardError() {
        String json = Fixtures.read("apigateway-v2-request.json").replace("orderId", "id")
                .replace("\\\"quantity\\\":2", "\\\"quantity\\\":0");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new CreateOrderApi().handleRequest(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), out,
                new EventHandlerTest.TestContext("r-3"));
        ApiGatewayV2HttpResponse response = Events.parse(out.toByteArray(), ApiGatewayV2HttpResponse.class);
        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body()).isEqualTo("{\"error\":{\"code\":\"VALIDATION_FAILED\","
                + "\"message\":\"quantity must be positive\",\"requestId\":\"r-3\"}}");
    }

    @Test
    void parsingWithoutAHandler() {
        String json = Fixtures.read("s3-put-event.json");
        List<String> objects = new ArrayList<>();
        // tag::parse[]
        S3Event event = Events.parse(json, S3Event.class);
        for (S3Event.Record record : event.records()) {
            String bucket = record.bucketName();
            String key = record.key(); // "photos/my cat (copy).jpg", decoded from photos/my+cat+%28copy%29.jpg
            objects.add(bucket + "/" + key);
        }
        // end::parse[]
        assertThat(objects).containsExactly("amzn-s3-demo-bucket/photos/my cat (copy).jpg");
    }
}
