/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Checks every SAM template under {@code src/main/sam}: it parses (CloudFormation's short tags included), each
 * function's handler is a class and method that exist, and each function's IAM statements are least privilege:
 * inline statements only (no SAM policy templates, no managed policies), explicit actions (no wildcards), and
 * every {@code Resource} names something the function's environment variables or events also name — no
 * {@code "*"} (no example needs one; {@link #STAR_RESOURCE_ALLOWED} would list and justify any that did). S3 events
 * must filter on a key prefix, so that a function writing to its own bucket cannot invoke itself.
 */
class TemplatesTest {

    private static final Path SAM = Path.of("src/main/sam");
    private static final Set<String> RUNTIMES = Set.of("java17", "java21");
    /** Actions AWS only grants on {@code "*"}; none is used by the examples yet. */
    private static final Set<String> STAR_RESOURCE_ALLOWED = Set.of("xray:PutTraceSegments",
            "xray:PutTelemetryRecords", "cloudwatch:PutMetricData");
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([A-Za-z0-9]+)(?:\\.[A-Za-z0-9.]+)?}");

    @TestFactory
    Stream<DynamicTest> everyTemplateIsValidAndLeastPrivilege() throws IOException {
        List<Path> templates;
        try (Stream<Path> files = Files.walk(SAM)) {
            templates = files.filter(p -> p.getFileName().toString().equals("template.yaml")).sorted().toList();
        }
        assertThat(templates).extracting(p -> p.getParent().getFileName().toString())
                .contains("order-api", "order-worker", "nightly-dlq-replay", "image-upload");
        return templates.stream().map(t -> DynamicTest.dynamicTest(SAM.relativize(t).toString(),
                () -> assertThat(problems(load(t))).isEmpty()));
    }

    @Test
    void theCheckFindsAResourceTheFunctionDoesNotUseAWildcardAMissingHandlerAndAnUnfilteredS3Event() {
        String template = """
                Transform: AWS::Serverless-2016-10-31
                Resources:
                  Used: {Type: AWS::DynamoDB::Table}
                  Other: {Type: AWS::DynamoDB::Table}
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      Runtime: java17
                      Handler: io.serverless4j.examples.NoSuchHandler::handleRequest
                      Environment: {Variables: {TABLE: !Ref Used}}
                      Events:
                        Upload: {Type: S3, Properties: {Bucket: !Ref Used, Events: 's3:ObjectCreated:*'}}
                      Policies:
                        - DynamoDBCrudPolicy: {TableName: !Ref Used}
                        - Statement:
                            - {Effect: Allow, Action: [dynamodb:PutItem], Resource: !GetAtt Other.Arn}
                            - {Effect: Allow, Action: 'dynamodb:*', Resource: '*'}
                """;
        List<String> problems = problems(parse(template));

        assertThat(problems).anySatisfy(p -> assertThat(p).contains("NoSuchHandler"))
                .anySatisfy(p -> assertThat(p).contains("DynamoDBCrudPolicy"))
                .anySatisfy(p -> assertThat(p).contains("[Other]"))
                .anySatisfy(p -> assertThat(p).contains("wildcard action dynamodb:*"))
                .anySatisfy(p -> assertThat(p).contains("Resource \"*\""))
                .anySatisfy(p -> assertThat(p).contains("S3 event Upload has no prefix filter"));
    }

    private static Map<String, Object> load(Path template) throws IOException {
        try (Reader reader = Files.newBufferedReader(template, StandardCharsets.UTF_8)) {
            return new Yaml(new CloudFormationConstructor()).load(reader);
        }
    }

    private static Map<String, Object> parse(String template) {
        return new Yaml(new CloudFormationConstructor()).load(template);
    }

    @SuppressWarnings("unchecked")
    private static List<String> problems(Map<String, Object> template) {
        List<String> problems = new ArrayList<>();
        if (!"AWS::Serverless-2016-10-31".equals(template.get("Transform"))) {
            problems.add("Transform is not AWS::Serverless-2016-10-31");
        }
        Map<String, Object> resources = (Map<String, Object>) template.get("Resources");
        Set<String> declared = new LinkedHashSet<>(resources.keySet());
        if (template.get("Parameters") instanceof Map<?, ?> parameters) {
            parameters.keySet().forEach(k -> declared.add((String) k));
        }
        Set<String> referenced = references(template);
        referenced.removeAll(declared);
        if (!referenced.isEmpty()) {
            problems.add("references to undeclared resources or parameters: " + referenced);
        }
        resources.forEach((name, value) -> {
            Map<String, Object> resource = (Map<String, Object>) value;
            if ("AWS::Serverless::Function".equals(resource.get("Type"))) {
                checkFunction(name, (Map<String, Object>) resource.get("Properties"), resources, problems);
            }
        });
        return problems;
    }

    @SuppressWarnings("unchecked")
    private static void checkFunction(String name, Map<String, Object> properties, Map<String, Object> resources,
            List<String> problems) {
        if (!RUNTIMES.contains(properties.get("Runtime"))) {
            problems.add(name + ": Runtime " + properties.get("Runtime") + " is not one of " + RUNTIMES);
        }
        checkHandler(name, String.valueOf(properties.get("Handler")), problems);

        Set<String> used = new LinkedHashSet<>();
        Object environment = properties.get("Environment");
        if (environment != null) {
            used.addAll(references(environment));
        }
        Map<String, Object> events = (Map<String, Object>) properties.getOrDefault("Events", Map.of());
        used.addAll(references(events));
        events.forEach((eventName, value) -> {
            Map<String, Object> event = (Map<String, Object>) value;
            if ("S3".equals(event.get("Type")) && !hasPrefixFilter((Map<String, Object>) event.get("Properties"))) {
                problems.add(name + ": S3 event " + eventName + " has no prefix filter; the function's own writes "
                        + "could invoke it again");
            }
            if ("SQS".equals(event.get("Type"))) {
                Map<String, Object> eventProperties = (Map<String, Object>) event.get("Properties");
                Object types = eventProperties.get("FunctionResponseTypes");
                if (!(types instanceof List<?> list) || !list.contains("ReportBatchItemFailures")) {
                    problems.add(name + ": SQS event " + eventName + " lacks FunctionResponseTypes: "
                            + "[ReportBatchItemFailures]");
                }
                for (String queue : references(eventProperties.get("Queue"))) {
                    Object queueResource = resources.get(queue);
                    if (queueResource instanceof Map<?, ?> q && q.get("Properties") instanceof Map<?, ?> qp
                            && qp.get("RedrivePolicy") == null) {
                        problems.add(name + ": queue " + queue + " has no RedrivePolicy (no DLQ)");
                    }
                }
            }
        });

        Object policies = properties.get("Policies");
        if (!(policies instanceof List<?> policyList)) {
            problems.add(name + ": Policies must be a list of inline statements");
            return;
        }
        for (Object policy : policyList) {
            if (!(policy instanceof Map<?, ?> document) || !document.containsKey("Statement")) {
                problems.add(name + ": " + describe(policy) + " is a managed policy or a SAM policy template; "
                        + "use an inline statement with the exact actions");
                continue;
            }
            for (Object statementObject : (List<Object>) document.get("Statement")) {
                Map<String, Object> statement = (Map<String, Object>) statementObject;
                List<Object> actions = asList(statement.get("Action"));
                for (Object action : actions) {
                    if (String.valueOf(action).contains("*")) {
                        problems.add(name + ": wildcard action " + action);
                    }
                }
                for (Object resource : asList(statement.get("Resource"))) {
                    if ("*".equals(resource)) {
                        if (!STAR_RESOURCE_ALLOWED.containsAll(actions.stream().map(String::valueOf).toList())) {
                            problems.add(name + ": Resource \"*\" for " + actions);
                        }
                        continue;
                    }
                    Set<String> names = references(resource);
                    if (names.isEmpty()) {
                        problems.add(name + ": Resource " + resource + " names no resource or parameter");
                    } else if (!used.containsAll(names)) {
                        Set<String> unused = new LinkedHashSet<>(names);
                        unused.removeAll(used);
                        problems.add(name + ": Resource " + describe(resource) + " names " + unused
                                + ", which the function's environment and events do not use");
                    }
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static boolean hasPrefixFilter(Map<String, Object> s3EventProperties) {
        if (!(s3EventProperties.get("Filter") instanceof Map<?, ?> filter)
                || !(filter.get("S3Key") instanceof Map<?, ?> s3Key)) {
            return false;
        }
        return asList(s3Key.get("Rules")).stream().anyMatch(rule -> rule instanceof Map<?, ?> r
                && "prefix".equalsIgnoreCase(String.valueOf(r.get("Name")))
                && r.get("Value") instanceof String prefix && !prefix.isEmpty());
    }

    private static void checkHandler(String function, String handler, List<String> problems) {
        String[] parts = handler.split("::");
        if (parts.length != 2) {
            problems.add(function + ": Handler " + handler + " is not <class>::<method>");
            return;
        }
        try {
            Class<?> type = Class.forName(parts[0], false, TemplatesTest.class.getClassLoader());
            if (!RequestStreamHandler.class.isAssignableFrom(type)) {
                problems.add(function + ": " + parts[0] + " is not a RequestStreamHandler");
            }
            Method method = type.getMethod(parts[1], InputStream.class, OutputStream.class, Context.class);
            if (!Modifier.isPublic(method.getModifiers()) || !Modifier.isPublic(type.getConstructor().getModifiers())) {
                problems.add(function + ": " + handler + " is not public");
            }
        } catch (ClassNotFoundException e) {
            problems.add(function + ": Handler class " + parts[0] + " does not exist");
        } catch (NoSuchMethodException e) {
            problems.add(function + ": " + handler + " has no public handleRequest(InputStream, OutputStream, Context)"
                    + " or no public no-argument constructor");
        }
    }

    /** The logical ids (resources and parameters) that a part of a template refers to. */
    @SuppressWarnings("unchecked")
    private static Set<String> references(Object node) {
        Set<String> names = new LinkedHashSet<>();
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                switch (String.valueOf(key)) {
                    case "Ref" -> {
                        if (!String.valueOf(value).startsWith("AWS::")) {
                            names.add(String.valueOf(value));
                        }
                    }
                    case "Fn::GetAtt" -> names.add(value instanceof List<?> l ? String.valueOf(l.get(0))
                            : String.valueOf(value).split("\\.")[0]);
                    case "Fn::Sub" -> {
                        String text = value instanceof List<?> l ? String.valueOf(l.get(0)) : String.valueOf(value);
                        Matcher m = SUB_VARIABLE.matcher(text);
                        while (m.find()) {
                            names.add(m.group(1));
                        }
                        if (value instanceof List<?> l && l.size() > 1) {
                            names.addAll(references(l.get(1)));
                        }
                    }
                    default -> names.addAll(references(value));
                }
            });
        } else if (node instanceof List<?> list) {
            list.forEach(item -> names.addAll(references(item)));
        }
        return names;
    }

    private static List<Object> asList(Object value) {
        return value instanceof List<?> list ? new ArrayList<>(list) : value == null ? List.of() : List.of(value);
    }

    private static String describe(Object value) {
        return value instanceof Map<?, ?> map && map.size() == 1 ? map.keySet().iterator().next() + " "
                + map.values().iterator().next() : String.valueOf(value);
    }

    /** SnakeYAML's safe constructor plus CloudFormation's short tags, read as their long form ({@code Fn::Sub}). */
    private static final class CloudFormationConstructor extends SafeConstructor {
        CloudFormationConstructor() {
            super(new LoaderOptions());
            for (String function : List.of("Base64", "Cidr", "FindInMap", "GetAtt", "GetAZs", "ImportValue", "Join",
                    "Select", "Split", "Sub", "Transform", "And", "Equals", "If", "Not", "Or")) {
                yamlConstructors.put(new Tag("!" + function), new Intrinsic("Fn::" + function));
            }
            yamlConstructors.put(new Tag("!Ref"), new Intrinsic("Ref"));
            yamlConstructors.put(new Tag("!Condition"), new Intrinsic("Condition"));
        }

        private final class Intrinsic extends AbstractConstruct {
            private final String name;

            Intrinsic(String name) {
                this.name = name;
            }

            @Override
            public Object construct(Node node) {
                Object value;
                if (node instanceof ScalarNode scalar) {
                    value = constructScalar(scalar);
                } else if (node instanceof SequenceNode sequence) {
                    value = constructSequence(sequence);
                } else {
                    value = constructMapping((MappingNode) node);
                }
                return Map.of(name, value);
            }
        }
    }
}
