"""Russian language: typography, names and their cases, the word forms of talks and of every
closed list."""
