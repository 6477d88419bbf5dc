package dev.jpool.launcher.slurm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The per-node agent of {@code --launcher agent}: one per node, started as one SLURM job step
 * ({@code srun --ntasks-per-node=1}), it starts that node's worker JVMs as its own children and
 * carries their stdin, stdout and stderr over its own stdin and stdout, in {@link AgentFrames}
 * framed by worker. When its stdin ends (the launcher is gone, or done) it ends every worker it
 * started and exits. Its own messages go to its stderr, which srun passes to the launcher.
 */
public final class NodeAgent {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final OutputStream channel;
    private final Map<Integer, Process> workers = new ConcurrentHashMap<>();

    private NodeAgent(OutputStream channel) {
        this.channel = channel;
    }

    public static void main(String[] args) throws IOException {
        OutputStream channel = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 64 * 1024);
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true)); // keep prints off the channel
        NodeAgent agent = new NodeAgent(channel);
        Runtime.getRuntime().addShutdownHook(new Thread(agent::endWorkers, "jpool-agent-reaper"));
        ObjectNode hello = JSON.createObjectNode().put("agent", "jpool").put("node", node())
                .put("pid", ProcessHandle.current().pid());
        agent.send('A', 0, JSON.writeValueAsString(hello));
        try {
            agent.serve(System.in);
        } catch (IOException e) {
            System.err.println("jpool agent on " + node() + ": " + e.getMessage() + "; ending its workers");
        }
        agent.endWorkers();
        System.exit(0);
    }

    private static String node() {
        return dev.jpool.host.HostName.node();
    }

    /** Carries out the hub's frames until its channel ends. */
    private void serve(InputStream in) throws IOException {
        AgentFrames.Reader frames = new AgentFrames.Reader(in);
        for (AgentFrames.Frame frame; (frame = frames.next()) != null; ) {
            Process worker = workers.get(frame.id());
            switch (frame.type()) {
                case 'S' -> start(frame.id(), JSON.readTree(frame.payload()));
                case 'I', 'i' -> {
                    if (worker != null) {
                        try {
                            OutputStream stdin = worker.getOutputStream();
                            stdin.write(frame.payload());
                            if (frame.type() == 'I') {
                                stdin.write('\n');
                            }
                            stdin.flush();
                        } catch (IOException e) {
                            // the worker is gone; its exit is reported by its watcher
                        }
                    }
                }
                case 'C' -> {
                    if (worker != null) {
                        try {
                            worker.getOutputStream().close();
                        } catch (IOException e) {
                            // already gone
                        }
                    }
                }
                case 'K' -> {
                    if (worker != null) {
                        kill(worker);
                    }
                }
                default -> throw new AgentFrames.CorruptFrame("unknown frame type '" + frame.type() + "'");
            }
        }
    }

    private void start(int id, JsonNode spec) throws IOException {
        List<String> command = new ArrayList<>();
        spec.path("command").forEach(word -> command.add(word.asText()));
        ProcessBuilder builder = new ProcessBuilder(command);
        spec.path("env").fields().forEachRemaining(e -> builder.environment().put(e.getKey(), e.getValue().asText()));
        Process worker;
        try {
            worker = builder.start();
        } catch (IOException e) {
            send('F', id, "cannot start '" + (command.isEmpty() ? "" : command.get(0)) + "' on " + node() + ": "
                    + e.getMessage());
            return;
        }
        workers.put(id, worker);
        send('P', id, Long.toString(worker.pid()));
        Thread out = pump(worker.getInputStream(), 'O', 'D', id);
        Thread err = pump(worker.getErrorStream(), 'E', 'd', id);
        worker.onExit().thenAccept(p -> {
            try {
                out.join(2_000);
                err.join(2_000);
                send('X', id, Integer.toString(p.exitValue()));
            } catch (InterruptedException | IOException e) {
                // the hub is gone: nobody to tell
            } finally {
                workers.remove(id);
            }
        });
    }

    private Thread pump(InputStream stream, char type, char end, int id) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[64 * 1024];
            try (stream) {
                for (int n; (n = stream.read(buffer)) > 0; ) {
                    synchronized (channel) {
                        AgentFrames.writeData(channel, type, id, buffer, 0, n);
                        channel.flush();
                    }
                }
            } catch (IOException e) {
                // the stream or the channel broke; the worker's exit, or the hub's end, says the rest
            }
            try {
                send(end, id, "");
            } catch (IOException e) {
                // the hub is gone
            }
        }, "jpool-agent-" + id + "-" + type);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private void send(char type, int id, String payload) throws IOException {
        synchronized (channel) {
            AgentFrames.write(channel, type, id, payload);
            channel.flush();
        }
    }

    private static void kill(Process worker) {
        worker.descendants().forEach(ProcessHandle::destroyForcibly);
        worker.destroyForcibly();
    }

    /** Ends every worker still running, and waits a little for them. */
    private void endWorkers() {
        List<Process> all = new ArrayList<>(workers.values());
        all.forEach(NodeAgent::kill);
        for (Process worker : all) {
            try {
                worker.waitFor(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
