package io.orderinsight.infra.mongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;

/** An embedded MongoDB backend (the application's, unless another is given) on a free port, through the driver. */
final class EmbeddedServer implements AutoCloseable {

    private final MongoServer server;
    private final MongoClient client;

    EmbeddedServer() {
        this(new EmbeddedMemoryBackend());
    }

    EmbeddedServer(MongoBackend backend) {
        server = new MongoServer(backend);
        server.bind("localhost", 0);
        client = MongoClients.create(
                "mongodb://localhost:" + server.getLocalAddress().getPort());
    }

    MongoDatabase database(String name) {
        return client.getDatabase(name);
    }

    @Override
    public void close() {
        client.close();
        server.shutdownNow();
    }
}
