package dev.jpool.launcher.slurm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jpool.process.WorkerSpawners;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * {@code --launcher agent}: one SLURM job step per node of the allocation instead of one per
 * worker. The first worker placed on a node starts that node's {@link NodeAgent} as a step
 * ({@code srun --nodes=1 --ntasks=1 --ntasks-per-node=1 --nodelist=NODE}, holding the job's CPUs
 * on that node); every worker on the node is then started by the agent and talks to the launcher
 * through the agent's stdin and stdout, framed by worker ({@link AgentFrames}). Workers go to the
 * node with the fewest per CPU. An agent that dies ends its workers as deaths (exit status 255,
 * with why on their stderr), so the pool retries their chunks on replacement workers, which go to
 * the nodes whose agents still run. The agents stay up for the launcher's life (so {@code compare}'s
 * repeated pools reuse them) and end when it exits: their stdin closes and they end their workers.
 */
public final class AgentHub implements WorkerSpawners.Spawner {
    /** The launch prefix that routes a worker to the hub (see {@link WorkerSpawners}). */
    public static final String WORD = "jpool-agent";
    private static final long HELLO_SECONDS = 120;
    private static final long START_SECONDS = 60;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static AgentHub current;

    private final List<Agent> agents = new ArrayList<>();
    private final String srun;
    private final List<String> agentJvm;
    private final Consumer<String> stderr;
    private final AtomicInteger ids = new AtomicInteger();

    private AgentHub(String srun, List<AllocatedNode> nodes, Consumer<String> stderr) {
        this.srun = srun;
        this.stderr = stderr;
        String java = ProcessHandle.current().info().command().orElse("java");
        this.agentJvm = List.of(java, "-XX:+UseSerialGC", "-Xms8m", "-Xmx64m", "-XX:TieredStopAtLevel=1",
                "-XX:-UsePerfData", "-Xlog:disable", "-Xlog:all=warning:stderr", "-cp",
                System.getProperty("java.class.path"), NodeAgent.class.getName());
        for (AllocatedNode node : nodes) {
            agents.add(new Agent(node));
        }
    }

    /**
     * The launch prefix for workers started by per-node agents on {@code nodes}; the hub is made
     * once per launcher and ends with it.
     */
    public static synchronized List<String> prefix(String srun, List<AllocatedNode> nodes, Consumer<String> stderr) {
        if (current == null) {
            current = new AgentHub(srun, nodes, stderr);
            WorkerSpawners.register(WORD, current);
            Runtime.getRuntime().addShutdownHook(new Thread(current::close, "jpool-agents-close"));
        }
        return List.of(WORD);
    }

    /** The srun words that start the agent of {@code node} (for a hub of {@code srun}). */
    static List<String> agentCommand(String srun, AllocatedNode node) {
        return new AgentHub(srun, List.of(node), line -> { }).agentCommand(node);
    }

    /** The srun words that start the agent of {@code node}. */
    List<String> agentCommand(AllocatedNode node) {
        List<String> command = new ArrayList<>(List.of(srun, "--exact", "--nodes=1", "--ntasks=1", "--ntasks-per-node=1",
                "--nodelist=" + node.name(), "--cpus-per-task=" + node.cpus(), "--mem=0", "--unbuffered",
                "--job-name=jpool-agent"));
        command.addAll(agentJvm);
        return command;
    }

    @Override
    public Process start(List<String> command, Map<String, String> environment) throws IOException {
        List<String> deaths = new ArrayList<>();
        while (true) {
            Agent agent = choose();
            if (agent == null) {
                throw new IOException("no node agent runs to start it on: " + String.join("; ", deaths));
            }
            try {
                agent.ensureStarted();
            } catch (IOException e) {
                agent.reserved.decrementAndGet();
                deaths.add(e.getMessage());
                continue;
            }
            return agent.spawn(ids.incrementAndGet(), command, environment);
        }
    }

    /** The usable node with the fewest workers per CPU (the first such, on a tie). */
    private synchronized Agent choose() {
        Agent best = null;
        for (Agent agent : agents) {
            if (agent.death == null && (best == null
                    || (long) agent.load() * best.node.cpus() < (long) best.load() * agent.node.cpus())) {
                best = agent;
            }
        }
        if (best != null) {
            best.reserved.incrementAndGet();
        }
        return best;
    }

    /** Ends every agent: its stdin closes, it ends its workers and exits; srun is ended if it lingers. */
    public void close() {
        for (Agent agent : agents) {
            agent.close();
        }
    }

    /** One node's agent: its srun step, and the workers it carries. */
    final class Agent {
        private final AllocatedNode node;
        private final Map<Integer, AgentProcess> workers = new ConcurrentHashMap<>();
        private final AtomicInteger reserved = new AtomicInteger();
        private final CompletableFuture<JsonNode> hello = new CompletableFuture<>();
        private final Deque<String> stderrTail = new ArrayDeque<>();
        private volatile String death;
        private Process srunProcess;
        private OutputStream channel;

        Agent(AllocatedNode node) {
            this.node = node;
        }

        String node() {
            return node.name();
        }

        /** Workers it carries or is about to start. */
        int load() {
            return workers.size() + reserved.get();
        }

        synchronized void ensureStarted() throws IOException {
            if (death != null) {
                throw new IOException(death);
            }
            if (srunProcess == null) {
                srunProcess = new ProcessBuilder(agentCommand(node)).start();
                channel = new BufferedOutputStream(srunProcess.getOutputStream(), 64 * 1024);
                daemon("jpool-agent-" + node.name() + "-stdout", this::read);
                daemon("jpool-agent-" + node.name() + "-stderr", this::drainStderr);
            }
            try {
                hello.get(HELLO_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while the node agent on " + node.name() + " started");
            } catch (ExecutionException e) {
                throw new IOException(e.getCause().getMessage());
            } catch (TimeoutException e) {
                srunProcess.destroyForcibly();
                throw new IOException("the node agent on " + node.name() + " did not start within " + HELLO_SECONDS + " s");
            }
        }

        AgentProcess spawn(int id, List<String> command, Map<String, String> environment) throws IOException {
            AgentProcess process = new AgentProcess(this, id);
            workers.put(id, process);
            reserved.decrementAndGet();
            if (death != null) {
                workers.remove(id);
                throw new IOException(death);
            }
            ObjectNode spec = JSON.createObjectNode();
            command.forEach(spec.putArray("command")::add);
            ObjectNode env = spec.putObject("env");
            environment.forEach(env::put);
            try {
                send('S', id, JSON.writeValueAsString(spec));
                process.started.get(START_SECONDS, TimeUnit.SECONDS);
                return process;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while a worker started on " + node.name());
            } catch (ExecutionException e) {
                workers.remove(id);
                throw new IOException(e.getCause().getMessage());
            } catch (TimeoutException e) {
                workers.remove(id);
                throw new IOException("the node agent on " + node.name() + " did not start a worker within "
                        + START_SECONDS + " s");
            }
        }

        void send(char type, int id, String payload) throws IOException {
            byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
            synchronized (this) {
                requireAlive();
                AgentFrames.write(channel, type, id, bytes, 0, bytes.length);
                channel.flush();
            }
        }

        void sendData(char type, int id, byte[] bytes, int offset, int length) throws IOException {
            synchronized (this) {
                requireAlive();
                AgentFrames.writeData(channel, type, id, bytes, offset, length);
                channel.flush();
            }
        }

        private void requireAlive() throws IOException {
            if (death != null || channel == null) {
                throw new IOException(death != null ? death : "the node agent on " + node.name() + " has not started");
            }
        }

        private void read() {
            AgentFrames.Reader frames = new AgentFrames.Reader(srunProcess.getInputStream());
            String why = null;
            try {
                for (AgentFrames.Frame frame; (frame = frames.next()) != null; ) {
                    if (frame.type() == 'A') {
                        JsonNode greeting = JSON.readTree(frame.payload());
                        if (!"jpool".equals(greeting.path("agent").asText())) {
                            throw new AgentFrames.CorruptFrame("not a jpool agent's hello: " + frame.text());
                        }
                        hello.complete(greeting);
                        continue;
                    }
                    if (!hello.isDone()) {
                        throw new AgentFrames.CorruptFrame("a '" + frame.type() + "' frame before the agent's hello");
                    }
                    AgentProcess worker = workers.get(frame.id());
                    if (worker == null) {
                        continue; // a worker already forgotten
                    }
                    switch (frame.type()) {
                        case 'P' -> worker.started.complete(Long.valueOf(frame.text().trim()));
                        case 'F' -> worker.started.completeExceptionally(new IOException(frame.text()));
                        case 'O', 'o' -> worker.stdout.feed(frame.payload(), frame.type() == 'O');
                        case 'E', 'e' -> worker.stderr.feed(frame.payload(), frame.type() == 'E');
                        case 'D' -> worker.stdout.end();
                        case 'd' -> worker.stderr.end();
                        case 'X' -> {
                            workers.remove(frame.id());
                            worker.stdout.end();
                            worker.stderr.end();
                            worker.exit.complete(Integer.valueOf(frame.text().trim()));
                        }
                        default -> throw new AgentFrames.CorruptFrame("unknown frame type '" + frame.type() + "'");
                    }
                }
            } catch (IOException | RuntimeException e) {
                why = "its channel is corrupt (" + e.getMessage() + ")";
            }
            ended(why);
        }

        private void ended(String why) {
            Integer status = null;
            try {
                if (srunProcess.waitFor(2, TimeUnit.SECONDS)) {
                    status = srunProcess.exitValue();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (why != null || status == null) {
                srunProcess.destroyForcibly();
            }
            StringBuilder text = new StringBuilder("the node agent on " + node.name() + " ended");
            text.append(why != null ? ": " + why : status == null ? "" : " (srun exited with status " + status + ")");
            synchronized (stderrTail) {
                if (!stderrTail.isEmpty()) {
                    text.append("; its stderr ended with: ").append(String.join(" | ", stderrTail));
                }
            }
            death = text.toString(); // volatile; not under the lock, which ensureStarted holds while it waits for hello
            hello.completeExceptionally(new IOException(death));
            for (AgentProcess worker : List.copyOf(workers.values())) {
                workers.remove(worker.id());
                worker.agentEnded(death);
            }
        }

        private void drainStderr() {
            try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(srunProcess.getErrorStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    synchronized (stderrTail) {
                        stderrTail.addLast(line);
                        if (stderrTail.size() > 6) {
                            stderrTail.removeFirst();
                        }
                    }
                    stderr.accept("[agent " + node.name() + "] " + line);
                }
            } catch (IOException e) {
                // srun is gone
            }
        }

        void close() {
            Process process;
            synchronized (this) {
                process = srunProcess;
                if (process == null) {
                    return;
                }
                try {
                    channel.close();
                } catch (IOException e) {
                    // already gone
                }
            }
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroy();
                    process.waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
    }
}
