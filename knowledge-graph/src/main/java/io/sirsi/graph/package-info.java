/**
 * The knowledge graph: nodes and edges with their history, kept in change sets whose Merkle roots are
 * anchored to a ledger (a Hedera Consensus Service topic, or a local journal that computes Hedera's
 * running hash exactly), with inclusion proofs and an audit verifier that needs no host.
 */
package io.sirsi.graph;
