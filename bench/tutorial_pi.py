#!/usr/bin/env python3
"""The tutorial's MonteCarloPiMC.py, rewritten faithfully for comparison with jpool.

The algorithm and its parallel structure are the tutorial's ("Multiprocessing for Multicore
Systems", section "The Pool Class"): random.random() darts, one Python function counting the hits
of N darts, the darts divided into NUM_PROCS chunks of nearly equal size (the remainder spread one
dart at a time over the first chunks: the tutorial's load balancing), multiprocessing.Pool.map over
the chunks, then the same count again serially. Like the tutorial it prints the chunk sizes, each
estimate of pi and each time. Standard library only.

Usage: NUM_PROCS=2 python3 bench/tutorial_pi.py 1e6      (NUM_PROCS defaults to the cores)
"""
import os
import random
import sys
import time
from multiprocessing import Pool


def pi(num_points):
    """Throws num_points darts at the unit square; returns how many land inside the quarter circle."""
    num_inside = 0
    for _ in range(num_points):
        x = random.random()
        y = random.random()
        if x ** 2 + y ** 2 < 1:
            num_inside += 1
    return num_inside


def chunks(num_points, ncpus):
    """The tutorial's load balancing: equal shares, the remainder one dart each to the first chunks."""
    my_num_points = [num_points // ncpus for _ in range(ncpus)]
    for i in range(num_points % ncpus):
        my_num_points[i] += 1
    return my_num_points


def main():
    if len(sys.argv) < 2:
        sys.exit("Usage: python3 tutorial_pi.py NUMBER_OF_POINTS  (NUM_PROCS sets the processes)")
    num_points = int(float(sys.argv[1]))
    ncpus = int(os.environ.get("NUM_PROCS", os.cpu_count()))
    print(f"ncpus={ncpus}")
    my_num_points = chunks(num_points, ncpus)
    print("Points:", my_num_points)

    tic = time.time()
    pool = Pool(processes=ncpus)
    results = pool.map(pi, my_num_points)
    my_pi = 4.0 * sum(results) / num_points
    toc = time.time()
    print(my_pi)
    print("Parallel time on " + str(ncpus) + " cores:" + str(round(toc - tic, 4)))
    pool.close()
    pool.join()

    tic = time.time()
    my_pi = 4.0 * pi(num_points) / num_points
    toc = time.time()
    print(my_pi)
    print("Serial time:" + str(round(toc - tic, 4)))


if __name__ == "__main__":
    main()
