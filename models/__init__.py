"""ReaGroove models: the drum generator network, its training, evaluation and shipped weights."""
