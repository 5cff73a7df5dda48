"""Fake vendor servers: real HTTP on loopback, faithful to the documents in ../shared/seeds/."""
