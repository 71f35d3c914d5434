package io.serverless4j.events;

import io.serverless4j.events.apigateway.*;
import io.serverless4j.events.dynamodb.*;
import io.serverless4j.events.eventbridge.*;
import io.serverless4j.events.kinesis.*;
import io.serverless4j.events.s3.*;
import io.serverless4j.events.sns.*;
import io.serverless4j.events.sqs.*;
import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void smoke() {
        Object[][] cases = {
            {"sqs-event.json", SqsEvent.class}, {"sqs-fifo-event.json", SqsEvent.class},
            {"s3-put-event.json", S3Event.class}, {"s3-delete-event.json", S3Event.class},
            {"eventbridge-s3-object-created.json", EventBridgeEvent.class},
            {"eventbridge-s3-object-deleted.json", EventBridgeEvent.class},
            {"scheduled-event.json", ScheduledEvent.class}, {"sns-event.json", SnsEvent.class},
            {"sns-via-sqs-event.json", SqsEvent.class}, {"apigateway-v2-request.json", ApiGatewayV2HttpEvent.class},
            {"apigateway-v1-request.json", ApiGatewayV1ProxyEvent.class},
            {"dynamodb-stream-event.json", DynamoDbStreamEvent.class}, {"kinesis-event.json", KinesisEvent.class}};
        for (Object[] c : cases) {
            Object v = Events.parse(Fixtures.read((String) c[0]), (Class<?>) c[1]);
            String w = Events.write(v);
            System.out.println(c[0] + " -> " + w);
            Object back = Events.parse(w, (Class<?>) c[1]);
            System.out.println("  equal=" + back.equals(v));
        }
        String bad = Fixtures.read("sqs-event.json").replace("\"dataType\": \"String\"", "\"dataType\": 5");
        try { Events.parse(bad, SqsEvent.class); } catch (Exception e) { System.out.println(e); }
        String miss = Fixtures.read("sqs-event.json").replaceFirst("\"receiptHandle\": \"[^\"]*\",", "");
        try { Events.parse(miss, SqsEvent.class); } catch (Exception e) { System.out.println(e); }
        try { Events.parse("{\"Records\": [ {]}", SqsEvent.class); } catch (Exception e) { System.out.println(e); }
        String ddbBad = Fixtures.read("dynamodb-stream-event.json").replace("\"52.52\"", "\"abc\"");
        try { Events.parse(ddbBad, DynamoDbStreamEvent.class); } catch (Exception e) { System.out.println(e); }
        try { Events.parse("{\"Records\": 5}", SqsEvent.class); } catch (Exception e) { System.out.println(e); }
        try { Events.parse("", SqsEvent.class); } catch (Exception e) { System.out.println(e); }
        try { Events.parse("null", SqsEvent.class); } catch (Exception e) { System.out.println(e); }
    }
}
