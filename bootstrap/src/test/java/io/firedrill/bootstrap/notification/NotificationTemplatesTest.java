package io.firedrill.bootstrap.notification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.firedrill.bootstrap.TestAuth;
import io.firedrill.domain.notification.NoticeType;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Notification templates: the built-in ones render a sample of every type in both languages; a tenant's override is
 * checked when saved (its syntax and every name it uses, with the line), applies to its channel kind or to all, and
 * gives way to the built-in one when deleted.
 */
@QuarkusTest
class NotificationTemplatesTest {

    private static final String TEMPLATES = "/api/v1/notification-templates";

    private final String tenant = "templates-" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void tenant() {
        TestAuth.tenant(tenant);
    }

    private RequestSpecification as() {
        return given().contentType(ContentType.JSON).header(TestAuth.TENANT, tenant);
    }

    private Map<String, String> preview(String type, String language, String kind) {
        return as().body("{\"type\":\"" + type + "\",\"language\":\"" + language + "\""
                        + (kind == null ? "" : ",\"kind\":\"" + kind + "\"") + "}")
                .post(TEMPLATES + "/preview").then().statusCode(200).extract().as(Map.class);
    }

    @Test
    void everyBuiltInTemplate_rendersASampleOfItsType_inEnglishAndChinese() {
        List<Map<String, Object>> items = as().get(TEMPLATES).then().statusCode(200).extract().path("items");
        assertThat(items).hasSize(NoticeType.values().length * 2).allMatch(item -> Boolean.TRUE.equals(item.get("builtIn")));
        for (NoticeType type : NoticeType.values()) {
            for (String language : List.of("en", "zh")) {
                Map<String, String> rendered = preview(type.wireName(), language, null);
                assertThat(rendered.get("title")).as(type + " " + language).isNotBlank().doesNotContain("{");
                assertThat(rendered.get("text")).as(type + " " + language).isNotBlank().doesNotContain("{");
            }
        }
        Map<String, String> internal = preview("incident.status-update.internal", "zh", null);
        assertThat(internal.get("title")).isEqualTo("故障通报 INC-2026-0042：Checkout latency above 2 s");
        assertThat(internal.get("text")).contains("**故障等级**：P1").contains("**影响范围**：checkout, payments")
                .contains("**当前状态**：处理中").contains("Rolled back the 09:40 deploy");
        Map<String, String> external = preview("incident.status-update.external", "en", null);
        assertThat(external.get("text")).startsWith("Dear customers,").contains("**Status:** we are working on it")
                .doesNotContain("alice");
        assertThat(preview("incident.alerts-joined", "en", null).get("title")).isEqualTo("INC-2026-0042: 37 more alerts joined");
        assertThat(preview("drill-run.finished", "en", null).get("title")).startsWith("[Drill] Run finished");
    }

    @Test
    void aTemplateThatDoesNotParse_orNamesWhatTheTypeLacks_isRefusedWithItsLine() {
        as().body("{\"title\":\"{incident.title}\",\"body\":\"first line\\n{#if drill}unclosed\"}")
                .put(TEMPLATES + "/incident.declared/en").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("body")).body("errors[0].message", containsString("line 2"));
        as().body("{\"title\":\"{incident.title}\",\"body\":\"ok\\nstill ok\\n{incident.nope}\"}")
                .put(TEMPLATES + "/incident.declared/en").then().statusCode(400)
                .body("errors[0].field", equalTo("body")).body("errors[0].message", containsString("line 3"))
                .body("errors[0].message", containsString("nope"));
        // a drill run's notice has no incident
        as().body("{\"title\":\"{incident.title}\",\"body\":\"{subject.title}\"}")
                .put(TEMPLATES + "/drill-run.finished/en").then().statusCode(400)
                .body("errors[0].field", equalTo("title")).body("errors[0].message", containsString("incident"));
        // no section that can run long or render what a responder wrote as a template: no loop (Qute's iterates
        // numbers too, for as long as asked), no eval
        as().body("{\"title\":\"t\",\"body\":\"ok\\n{#for i in 100000}{#for j in 100000}{text}{/for}{/for}\"}")
                .put(TEMPLATES + "/incident.declared/en").then().statusCode(400).body("errors[0].field", equalTo("body"))
                .body("errors[0].message", containsString("line 2"));
        as().body("{\"title\":\"t\",\"body\":\"{#for iterable=2000000000}x{/for}\"}")
                .put(TEMPLATES + "/incident.declared/en").then().statusCode(400).body("errors[0].field", equalTo("body"));
        as().body("{\"title\":\"t\",\"body\":\"{#eval text /}\"}")
                .put(TEMPLATES + "/incident.status-update.internal/en").then().statusCode(400)
                .body("errors[0].field", equalTo("body"));
        // a short template that names a long text many times renders too much
        as().body("{\"title\":\"t\",\"body\":\"" + "{text}".repeat(2_500) + "\"}")
                .put(TEMPLATES + "/incident.status-update.internal/en").then().statusCode(400)
                .body("errors[0].field", equalTo("body")).body("errors[0].message", containsString("renders more than"));
        // templates read the notice's values, not the objects behind them
        as().body("{\"title\":\"{incident.getClass}\",\"body\":\"x\"}")
                .put(TEMPLATES + "/incident.declared/en").then().statusCode(400).body("errors[0].field", equalTo("title"));
        as().body("{\"title\":\" \",\"body\":\"x\"}").put(TEMPLATES + "/incident.declared/en").then().statusCode(400)
                .body("errors[0].field", equalTo("title"));
        as().body("{\"title\":\"t\",\"body\":\"x\"}").put(TEMPLATES + "/incident.nothing/en").then().statusCode(400)
                .body("errors[0].field", equalTo("type"));
        as().body("{\"title\":\"t\",\"body\":\"x\"}").put(TEMPLATES + "/incident.declared/fr").then().statusCode(400)
                .body("errors[0].field", equalTo("language"));
        as().body("{\"title\":\"t\",\"body\":\"x\"}").put(TEMPLATES + "/incident.declared/en?kind=PAGER").then()
                .statusCode(400).body("errors[0].field", equalTo("kind"));
        as().body("{\"type\":\"incident.declared\",\"language\":\"en\",\"body\":\"{#for}\"}").post(TEMPLATES + "/preview")
                .then().statusCode(400).body("errors[0].field", equalTo("body"));
        List<Map<String, Object>> items = as().get(TEMPLATES).then().extract().path("items");
        assertThat(items).allMatch(item -> Boolean.TRUE.equals(item.get("builtIn")));
    }

    @Test
    void anOverride_appliesToItsKindOrToAll_andADeletionBringsBackTheBuiltInOne() {
        String declared = TEMPLATES + "/incident.declared/en";
        as().body("{\"title\":\"SLACK {incident.ref} {incident.severity}\",\"body\":\"{incident.title} on {incident.serviceList}\"}")
                .put(declared + "?kind=SLACK").then().statusCode(200).header("ETag", "\"1\"")
                .body("kind", equalTo("SLACK")).body("builtIn", equalTo(false)).body("updatedBy", equalTo("tester"));
        assertThat(preview("incident.declared", "en", "SLACK").get("title")).isEqualTo("SLACK INC-2026-0042 P1");
        assertThat(preview("incident.declared", "en", "SLACK").get("text")).isEqualTo("Checkout latency above 2 s on checkout, payments");
        assertThat(preview("incident.declared", "en", "FEISHU").get("title")).isEqualTo("INC-2026-0042 P1 declared: Checkout latency above 2 s");
        assertThat(preview("incident.declared", "zh", "SLACK").get("title")).contains("故障");

        as().body("{\"title\":\"ALL {incident.ref}\",\"body\":\"x\"}").put(declared).then().statusCode(200);
        assertThat(preview("incident.declared", "en", "FEISHU").get("title")).isEqualTo("ALL INC-2026-0042");
        assertThat(preview("incident.declared", "en", "SLACK").get("title")).isEqualTo("SLACK INC-2026-0042 P1");

        as().header("If-Match", "\"3\"").body("{\"title\":\"late\",\"body\":\"x\"}").put(declared + "?kind=SLACK").then()
                .statusCode(412);
        as().header("If-Match", "\"1\"").body("{\"title\":\"v2 {incident.ref}\",\"body\":\"x\"}").put(declared + "?kind=SLACK")
                .then().statusCode(200).header("ETag", "\"2\"");
        as().header("If-Match", "\"0\"").body("{\"title\":\"t\",\"body\":\"x\"}").put(TEMPLATES + "/incident.resolved/zh")
                .then().statusCode(200).header("ETag", "\"1\"");
        as().header("If-Match", "\"0\"").body("{\"title\":\"t\",\"body\":\"x\"}").put(TEMPLATES + "/incident.resolved/zh")
                .then().statusCode(412);

        // a preview of given templates renders them without saving
        Map<String, String> trial = as().body("{\"type\":\"incident.declared\",\"language\":\"en\",\"kind\":\"SLACK\","
                + "\"title\":\"trial {incident.commander}\"}").post(TEMPLATES + "/preview").then().statusCode(200).extract().as(Map.class);
        assertThat(trial.get("title")).isEqualTo("trial alice");
        assertThat(trial.get("text")).isEqualTo("x");

        String other = tenant + "-other";
        TestAuth.tenant(other);
        List<Map<String, Object>> othersItems = given().header(TestAuth.TENANT, other).get(TEMPLATES).then().extract().path("items");
        assertThat(othersItems).allMatch(item -> Boolean.TRUE.equals(item.get("builtIn")));

        as().delete(declared + "?kind=SLACK").then().statusCode(204);
        as().delete(declared + "?kind=SLACK").then().statusCode(404);
        assertThat(preview("incident.declared", "en", "SLACK").get("title")).isEqualTo("ALL INC-2026-0042");
        as().delete(declared).then().statusCode(204);
        assertThat(preview("incident.declared", "en", "SLACK").get("title")).isEqualTo("INC-2026-0042 P1 declared: Checkout latency above 2 s");
    }
}
