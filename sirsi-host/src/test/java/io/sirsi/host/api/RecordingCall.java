package io.sirsi.host.api;

import io.grpc.stub.ServerCallStreamObserver;
import io.sirsi.proto.agent.v1.TurnEvent;
import io.sirsi.proto.agent.v1.TurnEvent.EventCase;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** The server side of a SendMessage call, in-process: what the service sends, and a client's cancellation. */
final class RecordingCall extends ServerCallStreamObserver<TurnEvent> {
    final BlockingQueue<TurnEvent> events = new LinkedBlockingQueue<>();
    volatile boolean completed;
    volatile Runnable onCancel = () -> {};

    TurnEvent next(EventCase wanted) throws InterruptedException {
        while (true) {
            TurnEvent e = events.poll(60, TimeUnit.SECONDS);
            if (e == null || e.getEventCase() == EventCase.FINAL) {
                throw new AssertionError("no " + wanted + " within 60 s; got " + e);
            }
            if (e.getEventCase() == wanted) {
                return e;
            }
        }
    }

    /** What grpc-java does when the client cancels. */
    void cancel() {
        onCancel.run();
    }

    @Override
    public void onNext(TurnEvent value) {
        events.add(value);
    }

    @Override
    public void onError(Throwable t) {
        throw new AssertionError("the call failed", t);
    }

    @Override
    public void onCompleted() {
        completed = true;
    }

    @Override
    public boolean isCancelled() {
        return false;
    }

    @Override
    public void setOnCancelHandler(Runnable handler) {
        onCancel = handler;
    }

    @Override
    public void setOnCloseHandler(Runnable handler) {}

    @Override
    public void setCompression(String compression) {}

    @Override
    public boolean isReady() {
        return true;
    }

    @Override
    public void setOnReadyHandler(Runnable handler) {}

    @Override
    public void disableAutoInboundFlowControl() {}

    @Override
    public void request(int count) {}

    @Override
    public void setMessageCompression(boolean enable) {}
}
