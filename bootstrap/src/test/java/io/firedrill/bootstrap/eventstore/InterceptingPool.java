package io.firedrill.bootstrap.eventstore;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.function.Supplier;

/**
 * A pool whose statements (on the pool or on a connection it lends) pass through a hook, which may run them, delay
 * them or fail them after they ran: faults a real database cannot be made to produce on cue, such as a commit that
 * took effect and whose answer was lost.
 */
final class InterceptingPool {

    /** Decides what becomes of one statement: {@code run} executes it on the real connection. */
    interface Hook {
        Future<Object> execute(String sql, Supplier<Future<Object>> run);
    }

    private InterceptingPool() {
    }

    /**
     * @param beforeConnection completes when a connection may be lent (called once per {@code getConnection})
     */
    static Pool wrap(Pool pool, Supplier<Future<Void>> beforeConnection, Hook hook) {
        return proxy(Pool.class, pool, (target, method, args) -> {
            if (method.getName().equals("getConnection") && (args == null || args.length == 0)) {
                return beforeConnection.get()
                        .compose(go -> pool.getConnection())
                        .map(connection -> proxy(SqlConnection.class, connection, statements(connection, hook)));
            }
            return statements(pool, hook).invoke(target, method, args);
        });
    }

    /** Passes every call through, except that the queries it hands out run their statements through the hook. */
    private static InvocationHandler statements(Object client, Hook hook) {
        return (target, method, args) -> {
            Object result = invoke(client, method, args);
            if ((method.getName().equals("query") || method.getName().equals("preparedQuery"))
                    && args != null && args.length == 1 && args[0] instanceof String sql) {
                return proxy(method.getReturnType(), result, (q, m, a) -> m.getName().startsWith("execute")
                        && m.getReturnType() == Future.class
                        ? hook.execute(sql, () -> run(result, m, a))
                        : invoke(result, m, a));
            }
            return result;
        };
    }

    @SuppressWarnings("unchecked")
    private static Future<Object> run(Object query, Method execute, Object[] args) {
        try {
            return (Future<Object>) invoke(query, execute, args);
        } catch (Throwable failure) {
            return Future.failedFuture(failure);
        }
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, Object target, InvocationHandler handler) {
        return (T) Proxy.newProxyInstance(InterceptingPool.class.getClassLoader(), new Class<?>[]{type},
                (proxy, method, args) -> method.getDeclaringClass() == Object.class
                        ? invoke(target, method, args)
                        : handler.invoke(proxy, method, args));
    }
}
