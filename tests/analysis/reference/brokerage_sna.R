#!/usr/bin/env Rscript
# Reference values for graphsvc.analysis.brokerage, computed by R's sna::brokerage.
#
# Run from the repository root:
#   Rscript tests/analysis/reference/brokerage_sna.R [output.json]
# (default output: tests/analysis/data/brokerage_sna.json)
#
# Every graph is written with its nodes, its arcs (an undirected edge u-v becomes the two arcs
# u->v and v->u, a loop one arc, exactly as sna sees a symmetric adjacency matrix), its undirected
# edge list where it is undirected, the group of every node, and sna's raw.nli, z.nli, raw.gli,
# exp.gli, sd.gli and z.gli.  NaN / Inf / -Inf are written as the strings "NaN", "Inf", "-Inf".
suppressPackageStartupMessages({
  library(sna)
  library(jsonlite)
})

args <- commandArgs(trailingOnly = TRUE)
out_path <- if (length(args) >= 1) args[1] else "tests/analysis/data/brokerage_sna.json"

graphs <- list()

# add_graph: nodes (character), edges (2-column character matrix: arcs if directed, undirected
# pairs otherwise), groups (character, one per node).  Simple graphs go to sna as an adjacency
# matrix (symmetric when undirected); graphs with parallel arcs as an sna edge list, because an
# adjacency matrix cannot hold multiplicity.
add_graph <- function(name, nodes, edges, directed, groups, note = "") {
  stopifnot(length(nodes) == length(groups))
  edges <- matrix(as.character(edges), ncol = 2)
  idx <- function(v) match(v, nodes)
  if (directed) {
    arcs <- edges
  } else {
    rev <- edges[edges[, 1] != edges[, 2], c(2, 1), drop = FALSE]
    arcs <- rbind(edges, rev)
  }
  snd <- idx(arcs[, 1])
  rec <- idx(arcs[, 2])
  stopifnot(!anyNA(snd), !anyNA(rec))
  multigraph <- anyDuplicated(paste(snd, rec)) > 0
  N <- length(nodes)
  el <- cbind(snd = snd, rec = rec, val = rep(1, length(snd)))
  attr(el, "n") <- N
  attr(el, "vnames") <- nodes
  b <- brokerage(el, groups)
  if (!multigraph) {
    # The adjacency-matrix route (how sna is usually called) must give the same answer.
    adj <- matrix(0, N, N, dimnames = list(nodes, nodes))
    adj[cbind(snd, rec)] <- 1
    b2 <- brokerage(adj, groups)
    stopifnot(identical(unname(b$raw.nli), unname(b2$raw.nli)))
    stopifnot(isTRUE(all.equal(unname(b$z.nli), unname(b2$z.nli))))
  }
  mat <- function(x) {
    x <- unname(x)
    lapply(seq_len(nrow(x)), function(i) as.list(x[i, ]))
  }
  vec <- function(x) as.list(unname(x))
  graphs[[length(graphs) + 1]] <<- list(
    name = name,
    note = note,
    directed = directed,
    multigraph = multigraph,
    nodes = as.list(nodes),
    groups = as.list(groups),
    edges = lapply(seq_len(nrow(edges)), function(i) as.list(edges[i, ])),
    arcs = lapply(seq_len(nrow(arcs)), function(i) as.list(arcs[i, ])),
    m = nrow(arcs),
    raw_nli = mat(b$raw.nli),
    exp_nli = mat(b$exp.nli),
    sd_nli = mat(b$sd.nli),
    z_nli = mat(b$z.nli),
    raw_gli = vec(b$raw.gli),
    exp_gli = vec(b$exp.gli),
    sd_gli = vec(b$sd.gli),
    z_gli = vec(b$z.gli)
  )
}

# Random graph from a fixed seed: arcs (i, j), i != j, each with probability p.
random_graph <- function(name, n, p, k, seed, directed, isolates = 0, reciprocity = 0,
                         note = "") {
  set.seed(seed)
  nodes <- sprintf("n%02d", seq_len(n))
  groups <- LETTERS[sample.int(k, n, replace = TRUE)]
  groups[seq_len(k)] <- LETTERS[seq_len(k)]  # every group is used
  active <- seq_len(n - isolates)
  edges <- matrix(character(0), ncol = 2)
  for (i in active) for (j in active) {
    if (i == j || (!directed && j < i)) next
    if (runif(1) < p) {
      edges <- rbind(edges, c(nodes[i], nodes[j]))
      if (directed && runif(1) < reciprocity && !any(edges[, 1] == nodes[j] &
                                                        edges[, 2] == nodes[i])) {
        edges <- rbind(edges, c(nodes[j], nodes[i]))
      }
    }
  }
  if (directed && reciprocity > 0) edges <- unique(edges)
  add_graph(name, nodes, edges, directed, groups, note)
}

E <- function(...) matrix(c(...), ncol = 2, byrow = TRUE)

add_graph("star_undirected", c("c", "p", "x", "y"),
          E("c", "p", "c", "x", "c", "y"), FALSE, c("P", "P", "C", "C"),
          "docs/analysis.md worked check: centre 0/2/2/2/0, total 6")
add_graph("cycle3_one_group", c("a", "b", "c"), E("a", "b", "b", "c", "c", "a"), TRUE,
          c("G", "G", "G"), "directed 3-cycle: every node brokers once (coordinator)")
add_graph("cycle3_three_groups", c("a", "b", "c"), E("a", "b", "b", "c", "c", "a"), TRUE,
          c("X", "Y", "Z"), "directed 3-cycle: every node brokers once (liaison)")
add_graph("closing_arc", c("a", "v", "b"), E("a", "v", "v", "b", "a", "b"), TRUE,
          c("A", "A", "B"), "a->b closes a->v->b: nothing brokered")
add_graph("reverse_arc_only", c("a", "v", "b"), E("a", "v", "v", "b", "b", "a"), TRUE,
          c("A", "A", "B"), "only b->a: a->v->b still brokered (representative)")
add_graph("path_with_isolates", c("a", "b", "c", "d", "i1", "i2"),
          E("a", "b", "b", "c", "c", "d"), FALSE, c("A", "B", "B", "A", "A", "B"),
          "undirected path plus two isolates")
add_graph("small_groups_nan", c("s1", "t1", "t2", "u1", "u2", "u3"),
          E("s1", "t1", "t1", "t2", "t2", "u1", "u1", "u2", "u2", "u3", "u3", "s1", "t1", "u2"),
          TRUE, c("S", "T", "T", "U", "U", "U"),
          "groups of size 1 and 2: z_coordinator is 0/0 (NaN)")
add_graph("complete_k4", c("a", "b", "c", "d"),
          E("a", "b", "a", "c", "a", "d", "b", "c", "b", "d", "c", "d"), FALSE,
          c("A", "A", "B", "B"), "density 1: every variance 0, every z NaN")
add_graph("empty_arcs", c("a", "b", "c", "d"), matrix(character(0), ncol = 2), TRUE,
          c("A", "A", "B", "C"), "no arcs: density 0, every z NaN")
add_graph("multigraph_loops", c("a", "v", "b", "c"),
          E("a", "v", "a", "v", "v", "b", "v", "b", "v", "b", "v", "v", "a", "a", "c", "v",
            "v", "c"),
          TRUE, c("A", "A", "B", "B"),
          "parallel arcs multiply (2x3 paths a->v->b); loops count in m only")
add_graph("loops_density_one", c("a", "b", "c"),
          E("a", "b", "b", "c", "a", "a", "b", "b", "c", "c", "c", "a"), TRUE,
          c("A", "B", "B"), "m = N(N-1) through loops: d = 1, variance 0, observed > 0: z = Inf")
add_graph("multigraph_density_above_one", c("a", "b", "c"),
          E("a", "b", "a", "b", "a", "b", "b", "c", "b", "c", "b", "c", "a", "a"), TRUE,
          c("A", "A", "B"), "m > N(N-1): d > 1, negative variance, z NaN")
add_graph("undirected_multigraph", c("a", "b", "c", "d"),
          E("a", "b", "a", "b", "b", "c", "c", "d", "d", "d"), FALSE,
          c("A", "B", "A", "B"), "undirected parallel edges and a loop")
random_graph("random_directed_8_2g", 8, 0.3, 2, 101, TRUE)
random_graph("random_undirected_12_3g", 12, 0.3, 3, 102, FALSE)
random_graph("random_directed_20_4g_isolates", 20, 0.15, 4, 103, TRUE, isolates = 3)
random_graph("random_directed_30_5g_mutual", 30, 0.12, 5, 104, TRUE, reciprocity = 0.6,
             note = "many mutual ties")
random_graph("random_undirected_25_5g", 25, 0.2, 5, 105, FALSE)
random_graph("random_undirected_30_1g", 30, 0.15, 1, 106, FALSE, isolates = 2,
             note = "one group only")
random_graph("random_directed_10_3g_dense", 10, 0.75, 3, 107, TRUE)
random_graph("random_directed_24_12g", 24, 0.25, 12, 108, TRUE, note = "twelve groups")
random_graph("random_undirected_18_4g_dense", 18, 0.6, 4, 109, FALSE)

out <- list(
  generator = "tests/analysis/reference/brokerage_sna.R",
  sna_version = as.character(packageVersion("sna")),
  r_version = R.version.string,
  roles = c("w_I", "w_O", "b_IO", "b_OI", "b_O", "t"),
  graphs = graphs
)
writeLines(toJSON(out, auto_unbox = TRUE, digits = NA, na = "string", pretty = TRUE), out_path)
cat(sprintf("wrote %d graphs to %s (sna %s)\n", length(graphs), out_path, out$sna_version))
