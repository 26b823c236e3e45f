import { configureTokenStackTraces } from "../app/token-stack-traces";

// As in synth: no stack trace per token unless TOKEN_STACK_TRACES=1 (they cost about a third of the suite's CPU).
configureTokenStackTraces(process.env);
