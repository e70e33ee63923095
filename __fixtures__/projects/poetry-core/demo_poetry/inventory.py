class Inventory:
    def __init__(self):
        self.items = {}

    def add(self, name, count=1):
        if count <= 0:
            raise ValueError("count must be positive")
        self.items[name] = self.items.get(name, 0) + count

    def take(self, name, count=1):
        have = self.items.get(name, 0)
        if have < count:
            return False
        if have == count:
            del self.items[name]
        else:
            self.items[name] = have - count
        return True
