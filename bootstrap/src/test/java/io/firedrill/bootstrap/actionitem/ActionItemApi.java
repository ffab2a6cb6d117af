package io.firedrill.bootstrap.actionitem;

import static io.restassured.RestAssured.given;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.util.UUID;

/** Calls to {@code /api/v1/action-items} as one tenant and actor. */
final class ActionItemApi {

    final URI base;
    final String tenant;

    ActionItemApi(URI base, String tenantPrefix) {
        this.base = base;
        this.tenant = tenantPrefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    RequestSpecification as(String actor) {
        return given().header("X-Test-Tenant", tenant).header("X-Test-Actor", actor)
                .contentType("application/json");
    }

    RequestSpecification request() {
        return as("alice");
    }

    Response create(String title, String owner, String dueDate, String priority) {
        return request().body("{\"title\":\"" + title + "\",\"owner\":\"" + owner + "\",\"dueDate\":\"" + dueDate
                + "\",\"priority\":\"" + priority + "\",\"kind\":\"CORRECTIVE\"}").post(base);
    }

    String createdId(String title, String owner, String dueDate, String priority) {
        String location = create(title, owner, dueDate, priority).then().statusCode(201).extract().header("Location");
        return location.substring(location.lastIndexOf('/') + 1);
    }

    Response post(String id, String action, String body) {
        return request().body(body).post(base + "/" + id + "/" + action);
    }

    Response get(String id) {
        return request().get(base + "/" + id);
    }
}
